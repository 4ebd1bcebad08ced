/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_STATE_H
#define SHMTOOL_STATE_H

/* Process-wide state a module keeps across calls (the name caches, the
 * POSIX name pool, the /proc descriptor). The module owns it and registers
 * its release function when it first takes something; the dispatcher
 * releases everything once, after the command returns. A command that
 * exits early leaves it to the exit. */

/* Registers release; the same function twice is one registration. */
void state_register(void (*release)(void));

/* Calls every registered function, newest first, and forgets them. */
void state_release(void);

#endif
