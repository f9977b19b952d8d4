/*
 * Proven runs: the items of a clua_vm_call_each run without the count hook, and the clock
 * proves afterwards that none of them could have run out of instructions. See
 * ../../../docs/sandbox.md ("Proven runs").
 *
 * The count hook makes every VM instruction call luaG_traceexec (about a fifth of an
 * evaluation). An item that finishes within proof_seconds (instruction_limit x
 * CLUA_PROOF_SECONDS_PER_INSTRUCTION) cannot have executed instruction_limit instructions, so
 * it would have finished under the hook too, with the same results. An item that takes longer
 * makes the whole run unproven, and the caller starts again with the hook. An item that never
 * ends is stopped by a per-thread timer: its signal handler (on the worker thread itself, as
 * lua.c's SIGINT handler does) sets a sticky hook that raises at the next instruction.
 */
#define _GNU_SOURCE
#include "vm.h"
#include <lauxlib.h>
#include <errno.h>
#include <stdlib.h>

/* No CPU runs Lua's interpreter at 10 billion instructions a second: the fastest run simple
   instructions at about one or two billion. The margin is five to ten times. */
#define CLUA_PROOF_SECONDS_PER_INSTRUCTION 1e-10
/* Below this, proving would fail for ordinary rules: a limit this low runs with the hook. */
#define CLUA_PROOF_MIN_SECONDS 20e-6
/* How often the timer looks at the running item once the first period has passed. */
#define CLUA_WATCH_PERIOD 0.001

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CLUA_NO_PROVEN_RUNS 1        /* TSan holds a signal back while a thread runs uninstrumented code */
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define CLUA_NO_PROVEN_RUNS 1
#endif

#if defined(__linux__) && !defined(CLUA_NO_PROVEN_RUNS)
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static _Thread_local clua_vm *volatile watched;          /* the state this thread runs a proven item in */

static void overrun_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    clua_vm *vm = vm_of(L);
    vm->exhausted = CLUA_ERR_OVERRUN;           /* sticky: the hook stays at every instruction */
    luaL_error(L, "the run could not be proven within its instruction budget");
}

static void on_tick(int signal) {
    (void)signal;
    int saved = errno;
    clua_vm *vm = watched;
    if (vm && vm->proving_item && vm_now() - vm->item_start > vm->proof_seconds)
        lua_sethook(vm->L, overrun_hook, LUA_MASKCOUNT, 1);   /* safe in a signal handler (ldebug.c) */
    errno = saved;
}

static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int tick_signal;                          /* 0: proven runs are off in this process */
static double clock_resolution;                  /* of CLOCK_MONOTONIC, seconds */
static pthread_key_t timer_key;

static void delete_timer(void *p) {
    timer_delete(*(timer_t *)p);
    free(p);
}

static void install(void) {
    int sig = SIGRTMIN + 7;
    struct sigaction old;
    struct timespec res;
    if (clock_getres(CLOCK_MONOTONIC, &res) != 0) return;
    clock_resolution = (double)res.tv_sec + (double)res.tv_nsec / 1e9;
    if (sig > SIGRTMAX || sigaction(sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL) return;
    struct sigaction sa = {0};
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (pthread_key_create(&timer_key, delete_timer) != 0) return;
    if (sigaction(sig, &sa, NULL) != 0) return;
    tick_signal = sig;
}

/* This thread's timer, made on first use and deleted when the thread ends; NULL if none. */
static timer_t *thread_timer(void) {
    timer_t *t = pthread_getspecific(timer_key);
    if (t) return t;
    t = malloc(sizeof *t);
    if (!t) return NULL;
    struct sigevent ev = {0};
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = tick_signal;
#ifdef sigev_notify_thread_id
    ev.sigev_notify_thread_id = (pid_t)syscall(SYS_gettid);
#else
    ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);   /* glibc before 2.35 does not name it */
#endif
    if (timer_create(CLOCK_MONOTONIC, &ev, t) != 0) { free(t); return NULL; }
    if (pthread_setspecific(timer_key, t) != 0) { timer_delete(*t); free(t); return NULL; }
    return t;
}

static int set_timer(timer_t *t, double first, double period) {
    struct itimerspec spec = {0};
    spec.it_value.tv_sec = (time_t)first;
    spec.it_value.tv_nsec = (long)((first - (double)(time_t)first) * 1e9);
    spec.it_interval.tv_sec = (time_t)period;
    spec.it_interval.tv_nsec = (long)((period - (double)(time_t)period) * 1e9);
    return timer_settime(*t, 0, &spec, NULL);
}

int vm_watch_start(clua_vm *vm) {
    vm->proving_call = 0;
    if (vm->coverage || vm->limits.instruction_limit <= 0) return 0;
    double proof = (double)vm->limits.instruction_limit * CLUA_PROOF_SECONDS_PER_INSTRUCTION;
    if (proof < CLUA_PROOF_MIN_SECONDS) return 0;
    pthread_once(&install_once, install);
    /* a clock that steps in ticks (a jiffies clocksource) could read 0 for a long call */
    if (!tick_signal || clock_resolution * 100 > proof) return 0;
    /* the tick must still reach on_tick: nothing else may have taken the signal since */
    struct sigaction current;
    if (sigaction(tick_signal, NULL, &current) != 0 || current.sa_handler != on_tick) return 0;
    timer_t *t = thread_timer();
    if (!t) return 0;
    /* and reach this thread whatever mask it was given (dispatch blocks some signals); the mask
       is put back when the call ends */
    sigset_t set, before;
    sigemptyset(&set);
    sigaddset(&set, tick_signal);
    if (pthread_sigmask(SIG_UNBLOCK, &set, &before) != 0) return 0;
    vm->unblocked = sigismember(&before, tick_signal) == 1;
    vm->proof_seconds = proof;
    double first = 2 * proof > CLUA_WATCH_PERIOD ? 2 * proof : CLUA_WATCH_PERIOD;
    watched = vm;
    vm->proving_call = 1;
    if (set_timer(t, first, CLUA_WATCH_PERIOD) != 0) { vm_watch_stop(vm); return 0; }
    return 1;
}

void vm_watch_stop(clua_vm *vm) {
    if (!vm->proving_call) return;
    timer_t *t = pthread_getspecific(timer_key);
    if (t) set_timer(t, 0, 0);
    vm->proving_item = 0;
    vm->proving_call = 0;
    watched = NULL;
    if (vm->unblocked) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, tick_signal);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
        vm->unblocked = 0;
    }
}

#else
/* Elsewhere (and under TSan) every item runs under the count hook. */
int vm_watch_start(clua_vm *vm) { vm->proving_call = 0; return 0; }
void vm_watch_stop(clua_vm *vm) { (void)vm; }
#endif
