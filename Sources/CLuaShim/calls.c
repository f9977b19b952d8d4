/*
 * The protected entry points: every call into the state runs inside lua_pcall made
 * from C, under a fresh budget, and comes back as a status and a clua_error.
 */
#include "vm.h"
#include "codec.h"
#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- protected bodies ---- */
typedef struct request {
    const char *source; size_t length; const char *chunkname;    /* trusted run */
    const char *table_key; const char *function_name;            /* call */
    const char *registry_key;
    codec_reader args;
    codec_writer out;
    int inner_status;
} request;

static int trusted_body(lua_State *L) {
    request *r = lua_touserdata(L, 1);
    lua_settop(L, 0);
    lua_pushcfunction(L, vm_msgh);                                     /* 1 */
    int st = luaL_loadbufferx(L, r->source, r->length, r->chunkname, "t");
    if (st != LUA_OK) { r->inner_status = st; return 1; }               /* message on top */
    lua_createtable(L, 0, 4);                                          /* the host helpers */
    lua_pushcfunction(L, host_coverage); lua_setfield(L, -2, "coverage");
    lua_pushcfunction(L, host_activelines); lua_setfield(L, -2, "activelines");
    lua_pushcfunction(L, host_callsite); lua_setfield(L, -2, "callsite");
    lua_pushcfunction(L, host_exhausted); lua_setfield(L, -2, "exhausted");
    lua_pushcfunction(L, host_definedat); lua_setfield(L, -2, "definedat");
    lua_pushcfunction(L, host_setupvalues); lua_setfield(L, -2, "setupvalues");
    luaL_requiref(L, LUA_DBLIBNAME, luaopen_debug, 0);                  /* never a global: trusted */
    lua_setfield(L, -2, "debug");                                       /* code gets it as host.debug */
    st = lua_pcall(L, 1, 1, 1);
    if (st != LUA_OK) { r->inner_status = st; return 1; }
    lua_setfield(L, LUA_REGISTRYINDEX, r->registry_key);
    return 0;
}

/* Leaves the message handler at stack index 1 and registry[table_key][function_name] at 2;
   raises if either is missing (a host bug, reported as CLUA_ERR_HOST). */
static void push_handler_and_function(lua_State *L, const char *table_key, const char *function_name) {
    lua_settop(L, 0);
    lua_pushcfunction(L, vm_msgh);                                     /* 1 */
    if (lua_getfield(L, LUA_REGISTRYINDEX, table_key) != LUA_TTABLE)
        luaL_error(L, "host table '%s' is missing", table_key);
    if (lua_getfield(L, -1, function_name) != LUA_TFUNCTION)
        luaL_error(L, "host function '%s.%s' is missing", table_key, function_name);
    lua_remove(L, 2);                                                  /* function at 2 */
}

static int call_body(lua_State *L) {
    request *r = lua_touserdata(L, 1);
    push_handler_and_function(L, r->table_key, r->function_name);
    int nargs = codec_push_values(L, &r->args);
    int st = lua_pcall(L, nargs, LUA_MULTRET, 1);
    if (st != LUA_OK) { r->inner_status = st; return 1; }
    vm_disarm(vm_of(L));                                               /* encoding is host work */
    r->out.exceeded = &vm_of(L)->output_scope;
    codec_write_values(L, &r->out, 2, lua_gettop(L));
    return 0;
}

static int classify(clua_vm *vm, int status, int host_side, clua_error *error);

/* One item per protected call: registry[table_key][function_name](items[i]) under a fresh budget.
   Writes, for each item, a status byte and, when it succeeded, a uint32 value count and the values.
   The items share the total budgets of the limits, and those of a group the group budgets. */
typedef struct each_request {
    const char *table_key; const char *function_name;
    const int64_t *items; const int32_t *groups; size_t count;
    clua_error *errors;
    codec_writer out;
    double *group_seconds;      /* seconds each group has run so far (count entries, or NULL) */
    size_t *group_bytes;        /* bytes of results each group has written so far */
    int proving;                /* run proven (watch.c) if the state allows it */
    int unproven;               /* set when an item could not be proven: the run stopped there */
} each_request;

static int write_body(lua_State *L) {
    codec_writer *w = lua_touserdata(L, 1);
    int n = lua_gettop(L) - 1;
    uint32_t count = (uint32_t)n;
    codec_write_raw(L, w, &count, 4);
    codec_write_values(L, w, 2, lua_gettop(L));
    return 0;
}

/* Fails item e at once: a shared budget (scope) is spent. */
static void spent(clua_error *e, int kind, int scope, const char *message) {
    clua_error_clear(e);
    e->kind = kind;
    e->scope = scope;
    e->message = dup_string(message);
}

static int each_body(lua_State *L) {
    each_request *r = lua_touserdata(L, 1);
    clua_vm *vm = vm_of(L);
    clua_limits lim = vm->limits;
    push_handler_and_function(L, r->table_key, r->function_name);
    size_t per_call = r->out.limit;
    size_t total_bytes = 0;                                            /* results written by all items */
    int proving = r->proving && vm_watch_start(vm);
    /* A proven run does the collector's work before its items, not inside one: a collection
       step (the atomic phase above all) can take longer than a whole proof. Telling the
       collector that `ahead` KiB were allocated makes it do that work now; taking them back
       leaves its debt that much lower, so the items' own allocations (up to `ahead`) start no
       step, and the next run pays for them. Over many runs it does the same work as ever. */
    size_t used_before = vm->used;
    int ahead = 0;
    if (proving) {
        ahead = vm->gc_ahead > 0 ? vm->gc_ahead : 64;
        lua_gc(L, LUA_GCSTEP, ahead);
        lua_gc(L, LUA_GCSTEP, -ahead);
    }
    int timed = proving || lim.time_limit > 0 || lim.total_time_limit > 0 || lim.group_time_limit > 0;
    double start = timed ? vm_now() : 0, before = start;
    int last_group = -1, last_proving = 0;
    char message[160];
    for (size_t i = 0; i <= r->count; i++) {
        double now = timed ? vm_now() : 0;
        /* the item before, with its encoding, ended within the proof (or ran with the hook) */
        if (last_proving && now - before > vm->proof_seconds) { r->unproven = 1; break; }
        if (i == r->count) break;
        clua_error *e = &r->errors[i];
        clua_error_clear(e);
        int g = r->groups ? r->groups[i] : -1;
        if (last_group >= 0) r->group_seconds[last_group] += now - before;   /* the item before, and its encoding */
        before = now;
        last_group = g;
        /* the soonest of the shared deadlines, if any, and which budget it is */
        double shared = 0, shared_limit = 0;
        int scope = CLUA_SCOPE_CALL;
        if (lim.total_time_limit > 0) { shared = start + lim.total_time_limit; shared_limit = lim.total_time_limit; scope = CLUA_SCOPE_ALL; }
        if (g >= 0 && lim.group_time_limit > 0) {
            double d = now + (lim.group_time_limit - r->group_seconds[g]);
            if (shared == 0 || d < shared) { shared = d; shared_limit = lim.group_time_limit; scope = CLUA_SCOPE_GROUP; }
        }
        uint8_t kind = CLUA_OK;
        if (shared > 0 && now >= shared) {                             /* spent before this item began */
            snprintf(message, sizeof message, "time limit of %g s %s exceeded", shared_limit,
                     scope == CLUA_SCOPE_ALL ? "for all calls together" : "for this group of calls");
            spent(e, CLUA_ERR_TIME, scope, message);
            kind = CLUA_ERR_TIME;
            last_proving = 0;
        } else {
            vm->error = e; vm->site_noted = NULL;
            vm_arm_at(vm, now, shared, shared_limit, scope);
            last_proving = atomic_load_explicit(&vm->proving_item, memory_order_relaxed);
            lua_pushvalue(L, 2);
            lua_pushinteger(L, (lua_Integer)r->items[i]);
            int st = lua_pcall(L, 1, LUA_MULTRET, 1);
            vm_disarm(vm);                                             /* encoding is host work */
            if (vm->exhausted == CLUA_ERR_OVERRUN) { r->unproven = 1; vm->error = NULL; vm->site_noted = NULL; lua_settop(L, 2); break; }
            if (st == LUA_OK && lua_gettop(L) == 2) {                  /* no results (most items): */
                const uint8_t none[5] = { CLUA_OK, 0, 0, 0, 0 };           /* status, value count 0: nothing */
                r->out.limit = SIZE_MAX;                                /* to encode unprotected */
                codec_write_raw(L, &r->out, none, 5);
            } else if (st == LUA_OK) {
                size_t mark = r->out.length;
                r->out.limit = SIZE_MAX;
                codec_write_raw(L, &r->out, &kind, 1);
                /* the output limits: the item's own, what is left of all items' and of its group's */
                size_t room = per_call, left;
                r->out.budget = per_call; r->out.scope = CLUA_SCOPE_CALL;
                if (lim.total_output_limit > 0) {
                    left = lim.total_output_limit > total_bytes ? lim.total_output_limit - total_bytes : 0;
                    if (left < room) { room = left; r->out.budget = lim.total_output_limit; r->out.scope = CLUA_SCOPE_ALL; }
                }
                if (g >= 0 && lim.group_output_limit > 0) {
                    left = lim.group_output_limit > r->group_bytes[g] ? lim.group_output_limit - r->group_bytes[g] : 0;
                    if (left < room) { room = left; r->out.budget = lim.group_output_limit; r->out.scope = CLUA_SCOPE_GROUP; }
                }
                size_t values = r->out.length;
                r->out.limit = values + 4 + room;                     /* the value count is the host's */
                r->out.exceeded = &vm->output_scope;
                if (!lua_checkstack(L, 3)) {                           /* results up to the stack's end */
                    r->out.exceeded = NULL;
                    r->out.length = mark;
                    spent(e, CLUA_ERR_OUTPUT, CLUA_SCOPE_CALL,
                          "results larger than the output limit allows (more values than the Lua stack holds)");
                    kind = CLUA_ERR_OUTPUT;
                    st = LUA_ERRRUN;
                } else {
                    lua_pushcfunction(L, write_body);
                    lua_pushlightuserdata(L, &r->out);
                    lua_rotate(L, 3, 2);                               /* write_body(out, results...) */
                    st = lua_pcall(L, lua_gettop(L) - 3, 0, 0);
                    r->out.exceeded = NULL;
                    if (st != LUA_OK) { r->out.length = mark; kind = (uint8_t)classify(vm, st, 1, e); }
                }
                if (st == LUA_OK) {
                    size_t wrote = r->out.length - values - 4;
                    total_bytes += wrote;
                    if (g >= 0) r->group_bytes[g] += wrote;
                }
            } else {
                kind = (uint8_t)classify(vm, st, 0, e);
            }
        }
        vm->error = NULL; vm->site_noted = NULL;
        /* a proven item that failed: its error is left to the counted run, where the hook's own
           stack use and a limit's exact point are as they have always been */
        if (last_proving && kind != CLUA_OK) { r->unproven = 1; lua_settop(L, 2); break; }
        if (kind != CLUA_OK) {
            r->out.limit = SIZE_MAX;
            codec_write_raw(L, &r->out, &kind, 1);
        }
        lua_settop(L, 2);
    }
    vm_watch_stop(vm);
    if (proving) {
        /* the next run's advance: twice what this one allocated, from 64 KiB to 16 MiB */
        size_t grew = vm->used > used_before ? (vm->used - used_before) / 1024 : 0;
        size_t next = 2 * grew;
        vm->gc_ahead = next < 64 ? 64 : next > (16 << 10) ? (16 << 10) : (int)next;
    }
    return 0;
}

/* Maps a failed pcall's status (message on top of the stack) into error->kind and message. */
static int classify(clua_vm *vm, int status, int host_side, clua_error *error) {
    lua_State *L = vm->L;
    int kind = CLUA_OK;
    if (status != LUA_OK) {
        error->scope = CLUA_SCOPE_CALL;
        if (vm->exhausted) { kind = vm->exhausted; if (kind == CLUA_ERR_TIME) error->scope = vm->deadline_scope; }
        else if (vm->output_scope) { kind = CLUA_ERR_OUTPUT; error->scope = vm->output_scope - 1; }
        else if (status == LUA_ERRMEM) kind = CLUA_ERR_MEMORY;
        else if (status == LUA_ERRSYNTAX) kind = CLUA_ERR_SYNTAX;
        else if (host_side) kind = CLUA_ERR_HOST;
        else kind = CLUA_ERR_RUNTIME;
        if (!error->message) {
            const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
            error->message = dup_string(m ? m : (status == LUA_ERRMEM ? "not enough memory" : "unknown error"));
        }
        if (kind == CLUA_ERR_MEMORY) {
            free(error->message);
            error->message = dup_string("memory limit exceeded (not enough memory)");
        }
    }
    error->kind = kind;
    return kind;
}

/* Runs body protected; maps statuses and messages into error. */
static int run_protected(clua_vm *vm, lua_CFunction body, void *r, int *inner_status, clua_error *error) {
    lua_State *L = vm->L;
    clua_error_clear(error);
    vm->error = error; vm->site_noted = NULL;
    vm_arm(vm);
    lua_settop(L, 0);
    lua_pushcfunction(L, body);
    lua_pushlightuserdata(L, r);
    int outer = lua_pcall(L, 1, 1, 0);
    vm_disarm(vm);
    int status = outer != LUA_OK ? outer : *inner_status;
    int kind = classify(vm, status, outer != LUA_OK, error);
    /* a tripped hook stays sticky until the next call re-arms it */
    vm_set_hook(vm);
    lua_settop(L, 0);
    vm->error = NULL; vm->site_noted = NULL;
    return kind;
}

int clua_vm_run_trusted(clua_vm *vm, const char *source, size_t length, const char *chunkname,
                        const char *registry_key, clua_error *error) {
    request r = {0};
    r.source = source; r.length = length; r.chunkname = chunkname; r.registry_key = registry_key;
    clua_limits saved = vm->limits;
    vm->limits.instruction_limit = 0;      /* host code is trusted: memory cap only */
    vm->limits.time_limit = 0;
    int kind = run_protected(vm, trusted_body, &r, &r.inner_status, error);
    vm->limits = saved;
    return kind;
}

int clua_vm_call(clua_vm *vm, const char *table_key, const char *function_name,
                 const uint8_t *arguments, size_t arguments_length,
                 uint8_t **results, size_t *results_length, clua_error *error) {
    request r = {0};
    r.table_key = table_key; r.function_name = function_name;
    r.args.bytes = arguments; r.args.length = arguments_length;
    r.out.limit = vm->limits.output_limit > 0 ? vm->limits.output_limit : (16u << 20);
    int kind = run_protected(vm, call_body, &r, &r.inner_status, error);
    if (kind != CLUA_OK) { free(r.out.bytes); *results = NULL; *results_length = 0; }
    else { *results = r.out.bytes; *results_length = r.out.length; }
    return kind;
}


int clua_vm_call_host(clua_vm *vm, const char *table_key, const char *function_name,
                      const uint8_t *arguments, size_t arguments_length,
                      uint8_t **results, size_t *results_length, clua_error *error) {
    clua_limits saved = vm->limits;
    vm->limits.instruction_limit = 0;      /* host code that runs no script code: memory and output caps only */
    vm->limits.time_limit = 0;
    int kind = clua_vm_call(vm, table_key, function_name, arguments, arguments_length, results, results_length, error);
    vm->limits = saved;                    /* the next call's vm_arm sets the hook they ask for */
    return kind;
}

static int call_each(clua_vm *vm, const char *table_key, const char *function_name,
                     const int64_t *items, const int32_t *groups, size_t count, int proving,
                     uint8_t **results, size_t *results_length, clua_error *error, clua_error *errors) {
    each_request r = {0};
    r.proving = proving;
    r.table_key = table_key; r.function_name = function_name;
    r.items = items; r.count = count; r.errors = errors;
    r.out.limit = vm->limits.output_limit > 0 ? vm->limits.output_limit : (16u << 20);
    for (size_t i = 0; groups && i < count; i++) {
        if (groups[i] < 0 || (size_t)groups[i] >= count) {
            clua_error_clear(error);
            error->kind = CLUA_ERR_HOST;
            error->message = dup_string("call_each: a group is outside 0..<count");
            *results = NULL; *results_length = 0;
            return CLUA_ERR_HOST;
        }
    }
    if (groups) {
        r.groups = groups;
        r.group_seconds = calloc(count, sizeof *r.group_seconds);
        r.group_bytes = calloc(count, sizeof *r.group_bytes);
        if (!r.group_seconds || !r.group_bytes) {
            free(r.group_seconds); free(r.group_bytes);
            clua_error_clear(error);
            error->kind = CLUA_ERR_HOST;
            error->message = dup_string("out of memory");
            *results = NULL; *results_length = 0;
            return CLUA_ERR_HOST;
        }
    }
    /* the results buffer starts at the size the last call needed (up to 1 MiB), not at 256 bytes
       doubled to it: reallocating it was most of what encoding the results cost */
    size_t hint = vm->results_hint < ((size_t)1 << 20) ? vm->results_hint : ((size_t)1 << 20);
    if (hint > 0 && count > 0 && (r.out.bytes = malloc(hint))) r.out.capacity = hint;
    int no_inner_status = LUA_OK;
    int kind = run_protected(vm, each_body, &r, &no_inner_status, error);
    if (kind == CLUA_OK && !r.unproven) vm->results_hint = r.out.length;
    vm_watch_stop(vm);                         /* also when each_body raised before its end */
    free(r.group_seconds); free(r.group_bytes);
    if (kind == CLUA_OK && r.unproven) {
        for (size_t i = 0; i < count; i++) clua_error_clear(&errors[i]);
        kind = CLUA_UNPROVEN;
    }
    if (kind != CLUA_OK) { free(r.out.bytes); *results = NULL; *results_length = 0; }
    else { *results = r.out.bytes; *results_length = r.out.length; }
    return kind;
}

int clua_vm_call_each(clua_vm *vm, const char *table_key, const char *function_name,
                      const int64_t *items, const int32_t *groups, size_t count,
                      uint8_t **results, size_t *results_length, clua_error *error, clua_error *errors) {
    return call_each(vm, table_key, function_name, items, groups, count, 0, results, results_length, error, errors);
}

int clua_vm_call_each_proven(clua_vm *vm, const char *table_key, const char *function_name,
                             const int64_t *items, const int32_t *groups, size_t count,
                             uint8_t **results, size_t *results_length, clua_error *error, clua_error *errors) {
    return call_each(vm, table_key, function_name, items, groups, count, 1, results, results_length, error, errors);
}
