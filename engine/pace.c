#include "pace.h"

#include <stdio.h>
#include <string.h>

static bool pace_speed_valid(int speed)
{
	return speed == PACE_SPEED_MAX ||
	       (speed >= 1 && speed <= PACE_SPEED_LIMIT);
}

/* Two's-complement reinterpretation without implementation-defined casts. */
static int64_t pace_u64_to_i64(uint64_t u)
{
	if (u <= (uint64_t)INT64_MAX)
		return (int64_t)u;
	return -(int64_t)(UINT64_MAX - u) - 1;
}

/* Simulated time now, as a finite value even at max speed. */
static sim_time_t pace_current(const struct pace *p, int64_t wall_now)
{
	uint64_t elapsed, room;

	if (p->paused || p->speed == PACE_SPEED_MAX ||
	    wall_now <= p->anchor_wall)
		return p->anchor_sim;
	/* Unsigned arithmetic: both differences are exact modulo 2^64 and
	 * non-negative here, even with negative anchors. */
	elapsed = (uint64_t)wall_now - (uint64_t)p->anchor_wall;
	room = (uint64_t)SIM_TIME_MAX - (uint64_t)p->anchor_sim;
	if (elapsed > room / (uint64_t)p->speed)
		return SIM_TIME_MAX;
	return pace_u64_to_i64((uint64_t)p->anchor_sim +
			       elapsed * (uint64_t)p->speed);
}

static void pace_anchor(struct pace *p, int64_t wall_now)
{
	p->anchor_sim = pace_current(p, wall_now);
	if (wall_now > p->anchor_wall)
		p->anchor_wall = wall_now;
}

bool pace_init(struct pace *p, sim_time_t start, int64_t wall_now, int speed)
{
	if (!pace_speed_valid(speed))
		return false;
	p->paused = false;
	p->speed = speed;
	p->anchor_wall = wall_now;
	p->anchor_sim = start;
	return true;
}

bool pace_set_speed(struct pace *p, int64_t wall_now, int speed)
{
	if (!pace_speed_valid(speed))
		return false;
	pace_anchor(p, wall_now);
	p->speed = speed;
	return true;
}

void pace_pause(struct pace *p, int64_t wall_now)
{
	pace_anchor(p, wall_now);
	p->paused = true;
}

void pace_resume(struct pace *p, int64_t wall_now)
{
	pace_anchor(p, wall_now);
	p->paused = false;
}

void pace_reached(struct pace *p, sim_time_t reached)
{
	if (!p->paused && p->speed == PACE_SPEED_MAX && reached > p->anchor_sim)
		p->anchor_sim = reached;
}

sim_time_t pace_target(const struct pace *p, int64_t wall_now)
{
	if (!p->paused && p->speed == PACE_SPEED_MAX)
		return SIM_TIME_MAX;
	return pace_current(p, wall_now);
}

int64_t pace_wall_until(const struct pace *p, sim_time_t t)
{
	uint64_t ahead, wait, room;

	if (p->paused)
		return PACE_WALL_NEVER;
	if (p->speed == PACE_SPEED_MAX || t <= p->anchor_sim)
		return p->anchor_wall;
	ahead = (uint64_t)t - (uint64_t)p->anchor_sim;
	/* Round up: at the returned time the target has reached t, one
	 * microsecond earlier it has not. */
	wait = ahead / (uint64_t)p->speed + (ahead % (uint64_t)p->speed != 0);
	room = (uint64_t)INT64_MAX - (uint64_t)p->anchor_wall;
	if (wait >= room)
		return PACE_WALL_NEVER;
	return pace_u64_to_i64((uint64_t)p->anchor_wall + wait);
}

bool pace_speed_parse(const char *s, int *speed)
{
	long n = 0;

	if (strcmp(s, "max") == 0) {
		*speed = PACE_SPEED_MAX;
		return true;
	}
	if (*s == 'x')
		s++;
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		n = n * 10 + (*s - '0');
		if (n > PACE_SPEED_LIMIT)
			return false;
	}
	if (n < 1)
		return false;
	*speed = (int)n;
	return true;
}

bool pace_speed_format(int speed, char *buf, size_t size)
{
	char text[PACE_SPEED_SIZE];
	int len;

	if (!pace_speed_valid(speed)) {
		if (size > 0)
			buf[0] = '\0';
		return false;
	}
	if (speed == PACE_SPEED_MAX)
		len = snprintf(text, sizeof text, "max");
	else
		len = snprintf(text, sizeof text, "x%d", speed);
	if (len < 0 || (size_t)len >= size) {
		if (size > 0)
			buf[0] = '\0';
		return false;
	}
	memcpy(buf, text, (size_t)len + 1);
	return true;
}
