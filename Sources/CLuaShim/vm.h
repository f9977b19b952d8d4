#ifndef CLUASHIM_VM_H
#define CLUASHIM_VM_H
/* Internal to the shim: the state record and the pieces calls.c builds its protected calls from. */
#include "CLuaShim.h"
#include "pool.h"
#include <lua.h>
#include <stdatomic.h>

struct clua_vm {
    lua_State *L;
    clua_limits limits;
    size_t used, peak;
    int enforce;              /* the memory limit applies only while a call runs */
    int64_t remaining;        /* instructions left in this call */
    int64_t counted;          /* instructions counted in this call */
    double deadline;          /* monotonic seconds, 0 = none */
    double deadline_limit;    /* the seconds of the budget that set the deadline (for its message) */
    int deadline_scope;       /* CLUA_SCOPE_* of that budget */
    int output_scope;         /* CLUA_SCOPE_* + 1 once an output limit was hit in this call, else 0 */
    int exhausted;            /* CLUA_ERR_INSTRUCTIONS or CLUA_ERR_TIME once tripped: sticky */
    clua_error *error;        /* where the message handler writes */
    clua_error *site_noted;   /* the error whose source the allocator noted at a refusal (see vm_alloc) */
    void *refused_block;      /* the refused request (its block and size), which Lua retries */
    size_t refused_size;
    int coverage;             /* record executed lines of '@' chunks (tests only) */
    /* proven runs (watch.c): items run without the count hook, and the clock proves they could
       not have run out of instructions */
    int proving_call;                   /* this clua_vm_call_each runs proven */
    _Atomic int proving_item;           /* the item running now has no count hook (read by the watchdog) */
    _Atomic double item_start;          /* when it began (monotonic seconds) */
    _Atomic int thread;                 /* the kernel id of the thread running it */
    _Atomic double proof_seconds;       /* an item that ends within this is proven */
    int unblocked;                      /* the watchdog's signal was blocked in this thread before */
    int watch_registered;               /* the watchdog knows this state */
    struct clua_vm *watch_next;         /* the watchdog's list (under its lock) */
    int gc_ahead;                       /* KiB of collector work a proven run does before its items */
    size_t results_hint;                /* bytes the last call_each wrote: the next one starts there */
    clua_pool pool;                     /* the state's small blocks (pool.c) */
};

/* vm->exhausted once the watchdog stopped an item that ran too long to be proven (internal). */
#define CLUA_ERR_OVERRUN 100

clua_vm *vm_of(lua_State *L);
char *dup_string(const char *s);
/* Sets the count hook (and the line hook for coverage) as the limits ask. */
void vm_set_hook(clua_vm *vm);
/* Starts a fresh budget (instructions, deadline) and turns the memory limit on. */
void vm_arm(clua_vm *vm);
/* The same with the clock already read (`now`) and a shared deadline that may come sooner. */
void vm_arm_at(clua_vm *vm, double now, double shared_deadline, double shared_limit, int shared_scope);
double vm_now(void);
void vm_disarm(clua_vm *vm);
/* Proven runs (watch.c). Start: whether this call's items may run without the count hook (then
   the watchdog watches them); stop: the call is over. */
int vm_watch_start(clua_vm *vm);
void vm_watch_stop(clua_vm *vm);
/* Takes a state off the watchdog's list before it is freed. */
void vm_watch_forget(clua_vm *vm);
/* The message handler: fills vm->error with the message, innermost '@' frame and traceback. */
int vm_msgh(lua_State *L);
/* The C helpers handed to trusted host code. */
int host_callsite(lua_State *L);
int host_exhausted(lua_State *L);
int host_coverage(lua_State *L);
int host_activelines(lua_State *L);
int host_definedat(lua_State *L);
int host_setupvalues(lua_State *L);
#endif
