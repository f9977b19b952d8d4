#ifndef CLUASHIM_H
#define CLUASHIM_H
/*
 * The C side of the Lua host. Every Lua API call that may raise an error
 * (allocation, metamethods, user code) runs inside a protected call made from
 * C, so a Lua error never unwinds through a Swift frame. Swift sees only plain
 * C functions that return a status and fill a `clua_error`.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct clua_vm clua_vm;

/* Limits applied to every call into the state. */
typedef struct clua_limits {
    size_t memory_limit;        /* bytes the state may hold; 0 = unlimited */
    int64_t instruction_limit;  /* VM instructions per call; <= 0 = unlimited */
    int32_t hook_step;          /* instructions between two checks of the hook */
    double time_limit;          /* seconds per call; <= 0 = unlimited */
    size_t output_limit;        /* bytes of encoded results per call */
    /* Budgets shared by the items of one clua_vm_call_each (0 = none): */
    double total_time_limit;    /* seconds for all its items together */
    double group_time_limit;    /* seconds for the items of one group */
    size_t total_output_limit;  /* bytes of encoded results of all its items together */
    size_t group_output_limit;  /* bytes of encoded results of the items of one group */
} clua_limits;

/* Why a call failed. */
enum {
    CLUA_OK = 0,
    CLUA_ERR_RUNTIME = 1,
    CLUA_ERR_SYNTAX = 2,
    CLUA_ERR_MEMORY = 3,
    CLUA_ERR_INSTRUCTIONS = 4,
    CLUA_ERR_TIME = 5,
    CLUA_ERR_HOST = 6,       /* a host-side failure: bad request, encoding, missing function */
    CLUA_ERR_OUTPUT = 7,     /* the results were larger than an output limit allows */
    CLUA_UNPROVEN = 8        /* clua_vm_call_each_proven: not proven; nothing written, call again */
};

/* Which budget a limit error (instructions, time, output) came from. */
enum {
    CLUA_SCOPE_CALL = 0,     /* the call's (or item's) own */
    CLUA_SCOPE_GROUP = 1,    /* the budget its group shares in one clua_vm_call_each */
    CLUA_SCOPE_ALL = 2       /* the budget all items of one clua_vm_call_each share */
};

/* A failed call, filled by the message handler while the failing stack is intact. */
typedef struct clua_error {
    int kind;            /* one of the CLUA_ERR_* values */
    char *message;       /* malloc'd, never NULL after a failure */
    char *source;        /* malloc'd chunk name without '@' of the innermost '@' frame, or NULL */
    int line;            /* its current line, or 0 */
    char *traceback;     /* malloc'd, or NULL */
    int scope;           /* CLUA_SCOPE_*: which budget a limit error came from */
} clua_error;

/* Creates a state with a counting allocator, the budget hook and the base,
   string, table, math and utf8 libraries. Returns NULL and a malloc'd message on failure. */
clua_vm *clua_vm_new(clua_limits limits, char **failure);
void clua_vm_free(clua_vm *vm);
void clua_vm_set_limits(clua_vm *vm, clua_limits limits);
/* Records executed lines of file chunks (a line hook): for test coverage only. */
void clua_vm_set_coverage(clua_vm *vm, int on);
size_t clua_vm_memory_used(const clua_vm *vm);
size_t clua_vm_memory_peak(const clua_vm *vm);
/* Instructions counted by the hook during the last call (in steps of hook_step). */
int64_t clua_vm_last_instructions(const clua_vm *vm);

/* Loads `source` as text (mode "t") under `chunkname` and runs it with the full
   standard globals; its first result is stored in the registry under `registry_key`.
   For trusted host code only. */
int clua_vm_run_trusted(clua_vm *vm, const char *source, size_t length, const char *chunkname,
                        const char *registry_key, clua_error *error);

/* Calls registry[table_key][function_name] with the encoded arguments, under the
   limits, and returns its results encoded (malloc'd; free with clua_free). */
int clua_vm_call(clua_vm *vm, const char *table_key, const char *function_name,
                 const uint8_t *arguments, size_t arguments_length,
                 uint8_t **results, size_t *results_length, clua_error *error);

/* clua_vm_call for trusted host code that runs no script code (it only reads and writes tables
   the host made or sealed): under the memory and output limits only, without the instruction or
   time budget, so without the count hook's cost on every instruction. */
int clua_vm_call_host(clua_vm *vm, const char *table_key, const char *function_name,
                      const uint8_t *arguments, size_t arguments_length,
                      uint8_t **results, size_t *results_length, clua_error *error);

/* Calls registry[table_key][function_name](item) once for each of `count` items, each in its own
   protected call under a fresh budget (as if called one by one, without the trips through the host).
   The items also share the total time and output budgets of the limits, and, when `groups` is not
   NULL, the items with the same groups[i] (0 <= groups[i] < count) share the group budgets: once a
   shared budget is spent, every later item that needs it fails with that budget's scope.
   Results, malloc'd: for each item a status byte (CLUA_OK or CLUA_ERR_*) and, when it is CLUA_OK,
   a uint32 count and that many encoded values; errors[i] describes item i when it failed.
   `errors` holds `count` valid records (zeroed, or left by an earlier call: each is cleared as its
   item starts, and those past where a run stopped keep what they held; free them with
   clua_error_clear).
   Returns CLUA_OK unless the call as a whole failed (then `error` says why and nothing is written). */
int clua_vm_call_each(clua_vm *vm, const char *table_key, const char *function_name,
                      const int64_t *items, const int32_t *groups, size_t count,
                      uint8_t **results, size_t *results_length, clua_error *error, clua_error *errors);

/* clua_vm_call_each, but the items run without the count hook, and an item proves it stayed
   within its instruction budget by ending within instruction_limit x 1e-10 s (no CPU runs Lua
   that fast). Returns CLUA_UNPROVEN, with nothing written, when an item took longer (a watchdog
   stops one that never ends) or failed: what the items did to the state is then not undone, and the
   caller restores it and calls clua_vm_call_each. Every item that ends within its budget gives
   the same results either way. Off Linux, under TSan, with a low instruction limit or with
   coverage on, this is clua_vm_call_each. */
int clua_vm_call_each_proven(clua_vm *vm, const char *table_key, const char *function_name,
                             const int64_t *items, const int32_t *groups, size_t count,
                             uint8_t **results, size_t *results_length, clua_error *error, clua_error *errors);

/* A full garbage collection, protected. Returns CLUA_OK or CLUA_ERR_*. */
int clua_vm_collect(clua_vm *vm);

void clua_error_clear(clua_error *error);
void clua_free(void *pointer);

/* Value encoding shared with Swift (little endian). */
enum {
    CLUA_V_NIL = 0, CLUA_V_FALSE = 1, CLUA_V_TRUE = 2, CLUA_V_INTEGER = 3,
    CLUA_V_NUMBER = 4, CLUA_V_STRING = 5, CLUA_V_TABLE = 6, CLUA_V_OPAQUE = 7
};

#endif
