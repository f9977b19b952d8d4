/*
 * One Lua state with a counting allocator, a sticky instruction/time budget
 * and protected entry points. See ../../../docs/sandbox.md for the reasons.
 */
#include "vm.h"
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#define COVERAGE_KEY "clua.coverage"

/* Records one executed line of a file chunk in registry[COVERAGE_KEY][source][line]. */
static void record_line(lua_State *L, lua_Debug *ar) {
    if (!lua_getinfo(L, "S", ar) || !ar->source || ar->source[0] != '@' || !lua_checkstack(L, 4)) return;
    if (lua_getfield(L, LUA_REGISTRYINDEX, COVERAGE_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, COVERAGE_KEY);
    }
    if (lua_getfield(L, -1, ar->source + 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, ar->source + 1);
    }
    lua_rawgeti(L, -1, ar->currentline);
    lua_Integer n = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_pushinteger(L, n + 1);
    lua_rawseti(L, -2, ar->currentline);
    lua_pop(L, 2);
}

clua_vm *vm_of(lua_State *L) { return *(clua_vm **)lua_getextraspace(L); }

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double vm_now(void) { return now_seconds(); }

char *dup_string(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d) memcpy(d, s, n + 1);
    return d;
}

/* A memory error is raised without running the message handler, so the allocator notes where
   the script was when an allocation was refused: the innermost '@' frame, read-only (lua_getstack
   and lua_getinfo "Sl" only walk the call records; they allocate nothing). Once per call. */
static void note_memory_site(clua_vm *vm) {
    clua_error *e = vm->error;
    if (!e || e->source) return;
    lua_Debug ar;
    for (int level = 0; lua_getstack(vm->L, level, &ar); level++) {
        if (lua_getinfo(vm->L, "Sl", &ar) && ar.source && ar.source[0] == '@' && ar.currentline > 0) {
            e->source = dup_string(ar.source + 1);
            e->line = ar.currentline;
            vm->site_noted = e;
            return;
        }
    }
}

/* A refused allocation is retried after Lua's emergency collection (the same block and size),
   and may then succeed: the site noted at the refusal is then dropped, so a later error (a
   memory error elsewhere, or one raised without the message handler) never names the line of
   a refusal that did not fail. How much garbage the state held decides whether such a refusal
   happens, and must not decide what an error says. */
static void forget_memory_site(clua_vm *vm) {
    clua_error *e = vm->site_noted;
    vm->site_noted = NULL;
    if (e && e == vm->error) { free(e->source); e->source = NULL; e->line = 0; }
}

/* ---- memory: a counting allocator; when ptr is NULL, osize is a type tag (5.4) ---- */
/* The region a state's small blocks come from (address space; pages are used as touched): at
   most 16 MiB, and never more than the memory limit, which bounds what the pool can hold on top
   of the live bytes (pool.c). The shipped rules' states live in about 2 MiB. */
#define CLUA_POOL_REGION_MAX ((size_t)16 << 20)
static size_t pool_region(size_t memory_limit) {
    return memory_limit > 0 && memory_limit < CLUA_POOL_REGION_MAX ? memory_limit & ~(size_t)4095 : CLUA_POOL_REGION_MAX;
}

/* Serves a request from the pool when the block is small, from malloc otherwise; a block moves
   between them only when its size class changes. A shrink never fails. */
static void *vm_realloc(clua_vm *vm, void *ptr, size_t old, size_t nsize) {
    clua_pool *pool = &vm->pool;
    size_t cls = pool_class(nsize);
    if (!ptr) {
        void *p = cls ? pool_alloc(pool, cls) : NULL;
        return p ? p : malloc(nsize);
    }
    if (!pool_owns(pool, ptr)) return realloc(ptr, nsize);
    size_t old_cls = pool_class(old);
    if (cls == old_cls) return ptr;
    void *p = cls ? pool_alloc(pool, cls) : NULL;
    if (!p) p = malloc(nsize);
    if (!p) return nsize < old ? ptr : NULL;     /* the block stays, larger than Lua now thinks */
    memcpy(p, ptr, old < nsize ? old : nsize);
    if (old_cls) pool_free(pool, ptr, old_cls);
    return p;
}

static void vm_release(clua_vm *vm, void *ptr, size_t old) {
    if (!pool_owns(&vm->pool, ptr)) { free(ptr); return; }
    size_t cls = pool_class(old);
    if (cls) pool_free(&vm->pool, ptr, cls);
}

static void *vm_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_vm *vm = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        if (ptr) vm_release(vm, ptr, old);
        vm->used -= old;
        return NULL;
    }
    if (vm->enforce && vm->limits.memory_limit > 0 && nsize > old      /* never fail a shrink */
        && vm->used - old + nsize > vm->limits.memory_limit) {
        note_memory_site(vm);
        vm->refused_block = ptr; vm->refused_size = nsize;   /* what Lua's retry will ask again */
        return NULL;
    }
    void *p = vm_realloc(vm, ptr, old, nsize);
    if (p) {
        if (vm->site_noted && ptr == vm->refused_block && nsize == vm->refused_size) forget_memory_site(vm);
        vm->used = vm->used - old + nsize;
        if (vm->used > vm->peak) vm->peak = vm->used;
    }
    return p;
}

#define CLUA_GC_PAUSE 1000   /* percent: start a collection cycle at 10x the live heap */

static int vm_panic(lua_State *L) {
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";
    fprintf(stderr, "rubric: unprotected Lua error (a bug in the host): %s\n", msg);
    abort();
}

/* "0.5", "2", "0.25": seconds as a person writes them (%g is not in lua_pushfstring). */
static const char *seconds_text(double seconds) {
    static char buffer[32];
    snprintf(buffer, sizeof buffer, "%g", seconds);
    return buffer;
}

/* ---- the budget hook: sticky once tripped, so a script's pcall cannot swallow it ---- */
static void vm_hook(lua_State *L, lua_Debug *ar) {
    clua_vm *vm = vm_of(L);
    if (ar->event == LUA_HOOKLINE) {
        if (vm->coverage && !vm->exhausted) record_line(L, ar);
        return;
    }
    if (vm->limits.instruction_limit <= 0 && vm->limits.time_limit <= 0) return;
    if (!vm->exhausted) {
        int step = vm->limits.hook_step > 0 ? vm->limits.hook_step : 1000;
        vm->counted += step;
        if (vm->limits.instruction_limit > 0) {
            vm->remaining -= step;
            if (vm->remaining < 0) vm->exhausted = CLUA_ERR_INSTRUCTIONS;
        }
        if (!vm->exhausted && vm->deadline > 0 && now_seconds() > vm->deadline)
            vm->exhausted = CLUA_ERR_TIME;
    }
    if (vm->exhausted) {
        lua_sethook(L, vm_hook, LUA_MASKCOUNT, 1);
        if (vm->exhausted == CLUA_ERR_TIME) {
            static const char *const scopes[] = { "", " for this group of calls", " for all calls together" };
            int scope = vm->deadline_scope >= 0 && vm->deadline_scope <= 2 ? vm->deadline_scope : 0;
            luaL_error(L, "time limit of %s s%s exceeded", seconds_text(vm->deadline_limit), scopes[scope]);
        }
        else
            luaL_error(L, "instruction limit of %I instructions exceeded",
                       (lua_Integer)vm->limits.instruction_limit);
    }
}

/* The count hook, unless neither an instruction nor a time limit is set (trusted host code),
   or the item about to run is proven. */
static void vm_set_hook_for(clua_vm *vm, int proving) {
    int limited = (vm->limits.instruction_limit > 0 || vm->limits.time_limit > 0) && !proving;
    int mask = (limited ? LUA_MASKCOUNT : 0) | (vm->coverage ? LUA_MASKLINE : 0);
    if (mask)
        lua_sethook(vm->L, vm_hook, mask, vm->limits.hook_step > 0 ? vm->limits.hook_step : 1000);
    else
        lua_sethook(vm->L, NULL, 0, 0);
}

/* Outside a proven item: the hook the limits ask for. */
void vm_set_hook(clua_vm *vm) { vm_set_hook_for(vm, 0); }

void vm_arm(clua_vm *vm) {
    vm_arm_at(vm, vm->limits.time_limit > 0 ? now_seconds() : 0, 0, 0, CLUA_SCOPE_CALL);
}

void vm_arm_at(clua_vm *vm, double now, double shared_deadline, double shared_limit, int shared_scope) {
    vm->exhausted = 0;
    vm->counted = 0;
    vm->output_scope = 0;
    vm->remaining = vm->limits.instruction_limit;
    vm->deadline = vm->limits.time_limit > 0 ? now + vm->limits.time_limit : 0;
    vm->deadline_limit = vm->limits.time_limit;
    vm->deadline_scope = CLUA_SCOPE_CALL;
    if (shared_deadline > 0 && (vm->deadline == 0 || shared_deadline < vm->deadline)) {
        vm->deadline = shared_deadline;
        vm->deadline_limit = shared_limit;
        vm->deadline_scope = shared_scope;
    }
    /* A proven item must end well before any deadline, or the hook could have stopped it. The
       hook is set before proving_item says the item runs without it (a signal handler that ran
       inside that lua_sethook could have its overrun hook wiped out), and item_start comes
       first too: the watchdog and the handler read it once proving_item is set. */
    int proving = vm->proving_call && (vm->deadline == 0 || vm->deadline - now > 4 * vm->proof_seconds);
    atomic_store_explicit(&vm->item_start, now, memory_order_relaxed);
    vm_set_hook_for(vm, proving);
    atomic_signal_fence(memory_order_seq_cst);
    atomic_store_explicit(&vm->proving_item, proving, memory_order_release);
    vm->enforce = 1;
}

void vm_disarm(clua_vm *vm) {
    atomic_store_explicit(&vm->proving_item, 0, memory_order_release);
    vm->enforce = 0;
    vm->deadline = 0;
}

/* ---- the message handler: records message, innermost rule location and traceback ---- */
static int tostring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* The longest message kept from a script: a longer one is cut (its start says what failed). */
#define CLUA_MESSAGE_MAX 2000

int vm_msgh(lua_State *L) {
    clua_vm *vm = vm_of(L);
    int enforce = vm->enforce;
    clua_error *e = vm->error;
    const char *msg = NULL;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER) {
        msg = lua_tostring(L, 1);
    } else if (lua_checkstack(L, 4) && luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
        /* no __tostring: name the type, never an address (it would differ from run to run) */
        lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
        msg = lua_tostring(L, -1);
    } else if (lua_checkstack(L, 4)) {
        /* __tostring is the script's code: it runs under the script's limits (memory cap on,
           the budget hook armed); only the handler's own small allocations lift the cap */
        lua_pop(L, 1);                                  /* the __tostring field */
        lua_pushcfunction(L, tostring_body);
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
            msg = lua_tostring(L, -1);
        } else {
            lua_pop(L, 1);
            lua_pushfstring(L, "error object is a %s value whose __tostring failed", luaL_typename(L, 1));
            msg = lua_tostring(L, -1);
        }
    }
    vm->enforce = 0;                       /* the handler's own allocations: message, traceback */
    if (!msg) msg = "error object could not be converted to a message";
    char cut[CLUA_MESSAGE_MAX + 64];
    if (strlen(msg) > CLUA_MESSAGE_MAX) {
        size_t n = CLUA_MESSAGE_MAX;
        while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80) n--;     /* never cut a UTF-8 sequence */
        snprintf(cut, sizeof cut, "%.*s… (message cut at %d bytes)", (int)n, msg, CLUA_MESSAGE_MAX);
        msg = cut;
    }
    if (e) {
        free(e->message); e->message = dup_string(msg);
        lua_Debug ar;
        for (int level = 1; lua_getstack(L, level, &ar); level++) {
            if (lua_getinfo(L, "Sl", &ar) && ar.source && ar.source[0] == '@' && ar.currentline > 0) {
                free(e->source); e->source = dup_string(ar.source + 1);
                e->line = ar.currentline;
                break;
            }
        }
        if (lua_checkstack(L, 10)) {
            luaL_traceback(L, L, NULL, 1);
            free(e->traceback); e->traceback = dup_string(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
    }
    lua_pushstring(L, msg);
    vm->enforce = enforce;
    return 1;
}

/* host.callsite([own [, from]]): the innermost frame loaded from a file ('@' chunk), at stack
   level `from` (default 1, the caller) or above: source, line. The source is false when it is
   `own` (the running rule's file, as it nearly always is), so that no string is made for it.
   Lines are read only for file frames (host frames are '=' chunks). A caller that knows the
   frames below `from` are its own host frames skips reading them (K.act: itself and a verb). */
int host_callsite(lua_State *L) {
    const char *own = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
    lua_Integer from = lua_isinteger(L, 2) ? lua_tointeger(L, 2) : 1;
    if (from < 1 || from > 1000) from = 1;
    lua_Debug ar;
    for (int level = (int)from; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "S", &ar) || !ar.source || ar.source[0] != '@') continue;
        if (!lua_getinfo(L, "l", &ar) || ar.currentline <= 0) continue;
        if (own && strcmp(ar.source + 1, own) == 0) lua_pushboolean(L, 0);
        else lua_pushstring(L, ar.source + 1);
        lua_pushinteger(L, ar.currentline);
        return 2;
    }
    return 0;
}

/* host.exhausted(): whether a limit has tripped in the running call (its hook raises again at
   every instruction until the next call). */
int host_exhausted(lua_State *L) {
    lua_pushboolean(L, vm_of(L)->exhausted != 0);
    return 1;
}

/* host.coverage(): the executed lines recorded so far, {source = {line = count}}, then cleared. */
int host_coverage(lua_State *L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, COVERAGE_KEY) != LUA_TTABLE) { lua_pop(L, 1); lua_newtable(L); }
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, COVERAGE_KEY);
    return 1;
}

/* host.activelines(f): the sorted lines of f that hold code, and its last line. */
int host_activelines(lua_State *L) {
    lua_Debug ar;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    lua_getinfo(L, ">SL", &ar);                 /* pushes the activelines table */
    int lines = lua_gettop(L);
    lua_newtable(L);
    int n = 0;
    for (int line = ar.linedefined; line <= ar.lastlinedefined; line++) {
        if (lua_rawgeti(L, lines, line) != LUA_TNIL) { lua_pushinteger(L, line); lua_rawseti(L, -3, ++n); }
        lua_pop(L, 1);
    }
    lua_pushinteger(L, ar.lastlinedefined);
    return 2;
}

/* host.definedat(f): where a Lua function was defined: source, line. */
int host_definedat(lua_State *L) {
    lua_Debug ar;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    lua_getinfo(L, ">S", &ar);
    lua_pushstring(L, ar.source[0] == '@' ? ar.source + 1 : ar.source);
    lua_pushinteger(L, ar.linedefined);
    return 2;
}

/* host.setupvalues(list, n): for k = 1, n, 3, sets upvalue list[k+1] of function list[k] to
   list[k+2] (what debug.setupvalue does, in one call for a whole list). */
int host_setupvalues(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_checkinteger(L, 2);
    for (lua_Integer k = 1; k + 2 <= n; k += 3) {
        lua_rawgeti(L, 1, k);                                            /* the function */
        lua_rawgeti(L, 1, k + 1);
        int index = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, 1, k + 2);                                        /* the value */
        if (lua_setupvalue(L, -2, index) == NULL) lua_pop(L, 1);         /* no such upvalue: drop the value */
        lua_pop(L, 1);
    }
    return 0;
}

static int open_body(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L, 0);
    return 0;
}

clua_vm *clua_vm_new(clua_limits limits, char **failure) {
    clua_vm *vm = calloc(1, sizeof *vm);
    if (!vm) { if (failure) *failure = dup_string("out of memory"); return NULL; }
    vm->limits = limits;
    pool_init(&vm->pool, pool_region(limits.memory_limit));
    vm->L = lua_newstate(vm_alloc, vm);
    if (!vm->L) { pool_destroy(&vm->pool); free(vm); if (failure) *failure = dup_string("lua_newstate failed"); return NULL; }
    *(clua_vm **)lua_getextraspace(vm->L) = vm;
    lua_atpanic(vm->L, vm_panic);
    vm_set_hook(vm);   /* before any script runs, so every thread inherits it */
    /* A rule state holds little (the catalog, the compiled rules: about 0.5 MB) and each
       evaluation leaves short-lived garbage. The default pause (a new cycle once the heap is
       twice what survived) re-marks that live half megabyte every few evaluations; a cycle at
       ten times costs a few MB of heap and marks it five times less often (measured in
       docs/performance.md). The memory cap still holds: an allocation that would pass it first
       runs an emergency full collection. */
    lua_gc(vm->L, LUA_GCINC, CLUA_GC_PAUSE, 0, 0);
    lua_pushcfunction(vm->L, open_body);
    if (lua_pcall(vm->L, 0, 0, 0) != LUA_OK) {
        if (failure) *failure = dup_string("could not open the standard libraries");
        lua_close(vm->L); pool_destroy(&vm->pool); free(vm); return NULL;
    }
    return vm;
}

void clua_vm_free(clua_vm *vm) {
    if (!vm) return;
    vm_watch_forget(vm);
    lua_close(vm->L);
    pool_destroy(&vm->pool);
    free(vm);
}

void clua_vm_set_limits(clua_vm *vm, clua_limits limits) { vm->limits = limits; }

static int collect_body(lua_State *L) {
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}

int clua_vm_collect(clua_vm *vm) {
    lua_pushcfunction(vm->L, collect_body);
    int st = lua_pcall(vm->L, 0, 0, 0);
    if (st != LUA_OK) lua_pop(vm->L, 1);
    return st == LUA_OK ? CLUA_OK : CLUA_ERR_HOST;
}
void clua_vm_set_coverage(clua_vm *vm, int on) { vm->coverage = on; vm_set_hook(vm); }
size_t clua_vm_memory_used(const clua_vm *vm) { return vm->used; }
size_t clua_vm_memory_peak(const clua_vm *vm) { return vm->peak; }
int64_t clua_vm_last_instructions(const clua_vm *vm) { return vm->counted; }

void clua_error_clear(clua_error *e) {
    if (!e) return;
    free(e->message); free(e->source); free(e->traceback);
    memset(e, 0, sizeof *e);
}

void clua_free(void *p) { free(p); }
