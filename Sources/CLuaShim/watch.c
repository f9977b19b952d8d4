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
 * ends is stopped by a watchdog thread that looks at every proving state each millisecond and
 * signals the worker thread of one past its proof; the signal handler (on that thread, as
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
/* How often the watchdog looks at the running items. */
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
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Read by the signal handler: safe with the shim linked into the program (static TLS); a shim
   loaded with dlopen could reach TLS through __tls_get_addr, which may allocate. */
static _Thread_local clua_vm *volatile watched;  /* the state this thread runs a proven item in */
static _Thread_local pid_t thread_id;             /* this thread's kernel id, once read */

static void overrun_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    clua_vm *vm = vm_of(L);
    vm->exhausted = CLUA_ERR_OVERRUN;            /* sticky: the hook stays at every instruction */
    luaL_error(L, "the run could not be proven within its instruction budget");
}

/* On the worker thread, sent by the watchdog: a sticky hook if the running item is past its proof. */
static void on_tick(int signal) {
    (void)signal;
    int saved = errno;
    clua_vm *vm = watched;
    if (vm && atomic_load_explicit(&vm->proving_item, memory_order_relaxed)
        && vm_now() - atomic_load_explicit(&vm->item_start, memory_order_relaxed) > vm->proof_seconds)
        lua_sethook(vm->L, overrun_hook, LUA_MASKCOUNT, 1);   /* safe in a signal handler (ldebug.c) */
    errno = saved;
}

/* ---- the watchdog: one thread for the process, looking at every proving state each millisecond ---- */
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int tick_signal;                          /* 0: proven runs are off in this process */
static double clock_resolution;                  /* of CLOCK_MONOTONIC, seconds */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static clua_vm *registry;                        /* states that have run proven, through watch_next */
static _Atomic double last_start;                /* when a proven call last began */
static _Atomic int active_calls;                 /* proven calls running now */
static _Atomic int watchdog_idle;                /* it waits for a proven call to begin */

/* Nothing proven runs or ran in the last 100 ms. */
static int quiet(void) { return atomic_load(&active_calls) == 0 && vm_now() - atomic_load(&last_start) > 0.1; }

static void *watchdog(void *unused) {
    (void)unused;
    pid_t pid = getpid();
    struct timespec period = { 0, (long)(CLUA_WATCH_PERIOD * 1e9) };
    pthread_mutex_lock(&registry_lock);
    for (;;) {
        double now = vm_now();
        for (clua_vm *vm = registry; vm; vm = vm->watch_next) {
            if (atomic_load_explicit(&vm->proving_item, memory_order_acquire)
                && now - atomic_load_explicit(&vm->item_start, memory_order_relaxed) > vm->proof_seconds)
                syscall(SYS_tgkill, pid, atomic_load_explicit(&vm->thread, memory_order_relaxed), tick_signal);
        }
        if (quiet()) {
            /* wait until a call begins (it wakes us when it sees us idle; we look again after
               saying so, so one of the two always sees the other) */
            atomic_store(&watchdog_idle, 1);
            if (quiet()) {
                struct timespec until;
                clock_gettime(CLOCK_MONOTONIC, &until);   /* the condvar's clock (install) */
                until.tv_sec += 1;                   /* and look anyway every second */
                pthread_cond_timedwait(&wake, &registry_lock, &until);
            }
            atomic_store(&watchdog_idle, 0);
            continue;
        }
        pthread_mutex_unlock(&registry_lock);
        nanosleep(&period, NULL);
        pthread_mutex_lock(&registry_lock);
    }
    return NULL;
}

/* In a forked child there is no watchdog: proven runs are off there. */
static void forked_child(void) {
    tick_signal = 0;
    pthread_mutex_init(&registry_lock, NULL);     /* the watchdog may have held it at the fork */
    thread_id = 0;
    watched = NULL;
}

static void install(void) {
    int sig = SIGRTMIN + 7;
    struct sigaction old;
    struct timespec res;
    /* the signal handler reads these: they must be lock-free */
    if (!atomic_is_lock_free(&last_start) || !atomic_is_lock_free(&active_calls)) return;
    if (clock_getres(CLOCK_MONOTONIC, &res) != 0) return;
    clock_resolution = (double)res.tv_sec + (double)res.tv_nsec / 1e9;
    if (sig > SIGRTMAX || sigaction(sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL) return;
    struct sigaction sa = {0};
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    pthread_condattr_t cattr;                     /* timed waits on the monotonic clock: a wall */
    if (pthread_condattr_init(&cattr) != 0) return;   /* clock set back must not stretch them */
    int clocked = pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC) == 0 && pthread_cond_init(&wake, &cattr) == 0;
    pthread_condattr_destroy(&cattr);
    if (!clocked || pthread_atfork(NULL, NULL, forked_child) != 0) return;
    if (sigaction(sig, &sa, NULL) != 0) return;
    /* the watchdog takes no signal of its own: every one it sends is for a worker */
    sigset_t all, before;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &before);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 << 10);
    pthread_t t;
    atomic_store(&last_start, vm_now());
    int made = pthread_create(&t, &attr, watchdog, NULL) == 0;
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (made) tick_signal = sig;
}

int vm_watch_start(clua_vm *vm) {
    vm->proving_call = 0;
    if (vm->coverage || vm->limits.instruction_limit <= 0) return 0;
    double proof = (double)vm->limits.instruction_limit * CLUA_PROOF_SECONDS_PER_INSTRUCTION;
    if (proof < CLUA_PROOF_MIN_SECONDS) return 0;
    pthread_once(&install_once, install);
    /* a clock that steps in ticks (a jiffies clocksource) could read 0 for a long call; and a
       proven call made from inside another on this thread would hide the outer one */
    if (!tick_signal || clock_resolution * 100 > proof || watched) return 0;
    /* the watchdog's signal must still reach on_tick: nothing else may have taken it since */
    struct sigaction current;
    if (sigaction(tick_signal, NULL, &current) != 0 || current.sa_handler != on_tick) return 0;
    /* and reach this thread whatever mask it was given (dispatch blocks some signals); the mask
       is put back when the call ends */
    sigset_t set, before;
    sigemptyset(&set);
    sigaddset(&set, tick_signal);
    if (pthread_sigmask(SIG_UNBLOCK, &set, &before) != 0) return 0;
    vm->unblocked = sigismember(&before, tick_signal) == 1;
    if (!thread_id) thread_id = (pid_t)syscall(SYS_gettid);
    atomic_store_explicit(&vm->thread, thread_id, memory_order_relaxed);
    vm->proof_seconds = proof;
    if (!vm->watch_registered) {
        pthread_mutex_lock(&registry_lock);
        vm->watch_next = registry;
        registry = vm;
        vm->watch_registered = 1;
        pthread_mutex_unlock(&registry_lock);
    }
    watched = vm;
    vm->proving_call = 1;
    atomic_fetch_add(&active_calls, 1);
    atomic_store(&last_start, vm_now());
    if (atomic_load(&watchdog_idle)) {
        pthread_mutex_lock(&registry_lock);
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&registry_lock);
    }
    return 1;
}

void vm_watch_stop(clua_vm *vm) {
    if (!vm->proving_call) return;
    atomic_store_explicit(&vm->proving_item, 0, memory_order_release);
    vm->proving_call = 0;
    atomic_fetch_sub(&active_calls, 1);
    watched = NULL;
    if (vm->unblocked) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, tick_signal);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
        vm->unblocked = 0;
    }
}

void vm_watch_forget(clua_vm *vm) {
    if (!vm->watch_registered) return;
    pthread_mutex_lock(&registry_lock);
    for (clua_vm **p = &registry; *p; p = &(*p)->watch_next) {
        if (*p == vm) { *p = vm->watch_next; break; }
    }
    pthread_mutex_unlock(&registry_lock);
    vm->watch_registered = 0;
}

#else
/* Elsewhere (and under TSan) every item runs under the count hook. */
int vm_watch_start(clua_vm *vm) { vm->proving_call = 0; return 0; }
void vm_watch_stop(clua_vm *vm) { (void)vm; }
void vm_watch_forget(clua_vm *vm) { (void)vm; }
#endif
