/* The C shim on its own, run under valgrind by `make test`: every failure kind comes back as a
   status with a message (never a longjmp out), the state stays usable, and nothing leaks. */
#include "CLuaShim.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *program =
  "return {\n"
  " ok = function(a) return a, { x = 1, 'y' } end,\n"
  " boom = function() error('bad') end,\n"
  " object = function() error(setmetatable({}, { __tostring = function() error('nested') end })) end,\n"
  " loop = function() while true do end end,\n"
  " trapped = function() while true do pcall(function() while true do end end) end end,\n"
  " memory = function() local t = {} for i = 1, 1e8 do t[i] = { i } end end,\n"
  " each = function(i)\n"
  "   if i == 2 then error('item two') elseif i == 3 then while true do end\n"
  "   elseif i == 4 then local t = {} for k = 1, 1e8 do t[k] = { k } end end\n"
  "   return i * 10, 'x'\n"
  " end,\n"
  " grow = function() error(setmetatable({}, { __tostring = function() local s = 'x' while true do s = s .. s end end })) end,\n"
  " long = function() error(string.rep('y', 100000)) end,\n"
  " spin = function(i) while true do end end,\n"
  " big = function(i) return string.rep('z', 300000) end,\n"
  " spill = function()\n"                                  /* past a small state's pool region */
  "   for round = 1, 12 do\n"
  "     local n, keep = 16 * round, {}\n"
  "     for k = 1, 1000 do keep[k] = string.rep(string.char(64 + round), n) .. k end\n"
  "     for k = 1, 1000 do if keep[k] ~= string.rep(string.char(64 + round), n) .. k then error('string ' .. k .. ' changed') end end\n"
  "   end\n"
  "   return true\n"
  " end,\n"
  " churn = function()\n"                                  /* blocks of every size, grown and shrunk */
  "   local keep = {}\n"
  "   for round = 1, 3 do\n"
  "     for n = 0, 600 do keep[n] = string.rep(string.char(65 + n % 26), n) end\n"
  "     local t = {} for k = 1, 5000 do t[k] = k; t['k' .. k] = k end\n"
  "     for k = 1, 5000 do t[k] = nil; t['k' .. k] = nil end\n"
  "     collectgarbage('collect')\n"
  "     for n = 0, 600 do if keep[n] ~= string.rep(string.char(65 + n % 26), n) then error('string ' .. n .. ' changed') end end\n"
  "     local parts = {} for k = 1, 300 do parts[k] = tostring(k) end\n"
  "     if #table.concat(parts) ~= 792 then error('concat') end\n"
  "   end\n"
  "   return #keep\n"
  " end,\n"
  "}\n";

static int passed, failed;

static void call(clua_vm *vm, const char *fn, int want_kind, const char *want_text) {
  uint8_t args[] = { 3, 7, 0, 0, 0, 0, 0, 0, 0 };          /* the integer 7 */
  uint8_t *out = NULL;
  size_t n = 0;
  clua_error e = { 0 };
  int kind = clua_vm_call(vm, "t", fn, args, sizeof args, &out, &n, &e);
  int ok = kind == want_kind && (!want_text || (e.message && strstr(e.message, want_text)));
  printf("%s %s: kind %d, %s\n", ok ? "ok  " : "FAIL", fn, kind, e.message ? e.message : "(no message)");
  if (ok) passed++; else failed++;
  clua_free(out);
  clua_error_clear(&e);
}

/* call_each: every item gets its own budget and its own error; one failing item stops none of the others. */
static void call_each(clua_vm *vm) {
  int64_t items[] = { 1, 2, 3, 4, 5 };
  int want[] = { CLUA_OK, CLUA_ERR_RUNTIME, CLUA_ERR_INSTRUCTIONS, CLUA_ERR_MEMORY, CLUA_OK };
  clua_error errors[5] = { 0 }, e = { 0 };
  uint8_t *out = NULL;
  size_t n = 0, at = 0;
  int kind = clua_vm_call_each(vm, "t", "each", items, NULL, 5, &out, &n, &e, errors);
  int ok = kind == CLUA_OK;
  for (int i = 0; i < 5 && ok; i++) {
    if (at >= n || out[at] != want[i] || (want[i] != CLUA_OK && errors[i].kind != want[i])) { ok = 0; break; }
    at += 1;
    if (want[i] == CLUA_OK) {                      /* count 2, integer i * 10, string "x" */
      uint32_t count; int64_t v;
      memcpy(&count, out + at, 4); memcpy(&v, out + at + 5, 8);
      ok = count == 2 && out[at + 4] == CLUA_V_INTEGER && v == items[i] * 10 && out[at + 13] == CLUA_V_STRING;
      at += 4 + 9 + 1 + 4 + 1;
    }
  }
  ok = ok && at == n && errors[1].message && strstr(errors[1].message, "item two");
  printf("%s each: kind %d, %zu bytes, item 2: %s\n", ok ? "ok  " : "FAIL", kind, n, errors[1].message ? errors[1].message : "-");
  if (ok) passed++; else failed++;
  for (int i = 0; i < 5; i++) clua_error_clear(&errors[i]);
  clua_free(out);
  clua_error_clear(&e);
  kind = clua_vm_call_each(vm, "t", "missing", items, NULL, 5, &out, &n, &e, errors);
  ok = kind == CLUA_ERR_HOST && out == NULL && e.message && strstr(e.message, "missing");
  printf("%s each missing: kind %d, %s\n", ok ? "ok  " : "FAIL", kind, e.message ? e.message : "-");
  if (ok) passed++; else failed++;
  for (int i = 0; i < 5; i++) clua_error_clear(&errors[i]);
  clua_error_clear(&e);
}

/* Whether item i of a call_each failed with kind and scope. */
static int failed_with(const uint8_t *out, size_t n, size_t *at, const clua_error *e, int kind, int scope) {
  if (*at >= n) return 0;
  int ok = out[*at] == kind && e->kind == kind && e->scope == scope;
  *at += 1;
  return ok;
}

static void report(int ok, const char *what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (ok) passed++; else failed++;
}

/* Shared budgets: items of a group share the group's time and output; all items share the totals. */
static void budgets(clua_vm *vm, clua_limits base) {
  int64_t items[] = { 1, 2, 3, 4 };
  int32_t groups[] = { 0, 0, 0, 1 };
  clua_error errors[4] = { 0 }, e = { 0 };
  uint8_t *out = NULL;
  size_t n = 0, at = 0;

  clua_limits l = base;
  l.instruction_limit = 0; l.time_limit = 0.05; l.group_time_limit = 0.08; l.total_time_limit = 10;
  clua_vm_set_limits(vm, l);
  int kind = clua_vm_call_each(vm, "t", "spin", items, groups, 4, &out, &n, &e, errors);
  int ok = kind == CLUA_OK
    && failed_with(out, n, &at, &errors[0], CLUA_ERR_TIME, CLUA_SCOPE_CALL)
    && failed_with(out, n, &at, &errors[1], CLUA_ERR_TIME, CLUA_SCOPE_GROUP)
    && failed_with(out, n, &at, &errors[2], CLUA_ERR_TIME, CLUA_SCOPE_GROUP)
    && failed_with(out, n, &at, &errors[3], CLUA_ERR_TIME, CLUA_SCOPE_CALL)
    && strstr(errors[2].message, "for this group of calls");
  report(ok, "each: a group's time budget is shared by its items, not by another group's");
  for (int i = 0; i < 4; i++) clua_error_clear(&errors[i]);
  clua_free(out); out = NULL; at = 0;

  l.group_time_limit = 0; l.total_time_limit = 0.12;
  clua_vm_set_limits(vm, l);
  kind = clua_vm_call_each(vm, "t", "spin", items, groups, 4, &out, &n, &e, errors);
  ok = kind == CLUA_OK
    && failed_with(out, n, &at, &errors[0], CLUA_ERR_TIME, CLUA_SCOPE_CALL)
    && failed_with(out, n, &at, &errors[1], CLUA_ERR_TIME, CLUA_SCOPE_CALL)
    && failed_with(out, n, &at, &errors[2], CLUA_ERR_TIME, CLUA_SCOPE_ALL)
    && failed_with(out, n, &at, &errors[3], CLUA_ERR_TIME, CLUA_SCOPE_ALL)
    && strstr(errors[3].message, "for all calls together");
  report(ok, "each: the total time budget is shared by all items");
  for (int i = 0; i < 4; i++) clua_error_clear(&errors[i]);
  clua_free(out); out = NULL; at = 0;

  l = base;
  l.output_limit = 400000; l.group_output_limit = 700000; l.total_output_limit = 0;
  clua_vm_set_limits(vm, l);
  kind = clua_vm_call_each(vm, "t", "big", items, groups, 4, &out, &n, &e, errors);
  ok = kind == CLUA_OK && n > 0 && out[0] == CLUA_OK && errors[2].kind == CLUA_ERR_OUTPUT
    && errors[2].scope == CLUA_SCOPE_GROUP && errors[3].kind == CLUA_OK && n < 1000000
    && strstr(errors[2].message, "per group of calls");
  report(ok, "each: a group's output budget stops its third item, not the other group's");
  for (int i = 0; i < 4; i++) clua_error_clear(&errors[i]);
  clua_free(out); out = NULL;

  l.group_output_limit = 0; l.total_output_limit = 700000;
  clua_vm_set_limits(vm, l);
  kind = clua_vm_call_each(vm, "t", "big", items, NULL, 4, &out, &n, &e, errors);
  ok = kind == CLUA_OK && errors[2].kind == CLUA_ERR_OUTPUT && errors[2].scope == CLUA_SCOPE_ALL
    && errors[3].kind == CLUA_ERR_OUTPUT && n < 1000000;
  report(ok, "each: the total output budget stops every item past it");
  for (int i = 0; i < 4; i++) clua_error_clear(&errors[i]);
  clua_free(out);
  clua_error_clear(&e);
  clua_vm_set_limits(vm, base);
}

/* A proven run: an item that never ends is stopped by the watchdog, and nothing is written. */
static void proven(clua_vm *vm) {
  int64_t items[] = { 1, 3, 1 };            /* item 3 of "each" never ends */
  clua_error errors[3] = { 0 }, e = { 0 };
  uint8_t *out = NULL;
  size_t n = 0;
  int kind = clua_vm_call_each_proven(vm, "t", "each", items, NULL, 3, &out, &n, &e, errors);
#if defined(__linux__)
  report(kind == CLUA_UNPROVEN && out == NULL && n == 0 && !errors[0].message,
         "each proven: an endless item is stopped, the run unproven and nothing written");
#else
  report(kind == CLUA_OK, "each proven: without a watchdog, the items are counted");
#endif
  for (int i = 0; i < 3; i++) clua_error_clear(&errors[i]);
  clua_free(out);
  clua_error_clear(&e);
#if defined(__linux__)
  /* after 200 ms without a proven call the watchdog sleeps: the next call must wake it */
  struct timespec pause = { 0, 200000000 };
  nanosleep(&pause, NULL);
  kind = clua_vm_call_each_proven(vm, "t", "each", items, NULL, 3, &out, &n, &e, errors);
  report(kind == CLUA_UNPROVEN, "each proven: an endless item is stopped after the watchdog slept");
  for (int i = 0; i < 3; i++) clua_error_clear(&errors[i]);
  clua_free(out);
  clua_error_clear(&e);
#endif
}

int main(void) {
  clua_limits limits = { 8u << 20, 1000000, 1000, 2.0, 1u << 20 };
  char *failure = NULL;
  clua_vm *vm = clua_vm_new(limits, &failure);
  if (!vm) { printf("FAIL could not create a state: %s\n", failure); return 1; }
  clua_error e = { 0 };
  if (clua_vm_run_trusted(vm, program, strlen(program), "=test", "t", &e) != CLUA_OK) {
    printf("FAIL trusted code: %s\n", e.message);
    return 1;
  }
  clua_error_clear(&e);
  call(vm, "ok", CLUA_OK, NULL);
  call(vm, "boom", CLUA_ERR_RUNTIME, "bad");
  call(vm, "object", CLUA_ERR_RUNTIME, "__tostring failed");
  call(vm, "loop", CLUA_ERR_INSTRUCTIONS, "instruction limit");
  call(vm, "trapped", CLUA_ERR_INSTRUCTIONS, "instruction limit");
  call(vm, "memory", CLUA_ERR_MEMORY, "memory limit");
  call(vm, "churn", CLUA_OK, NULL);                         /* the small-block pool after a memory error */
  call(vm, "ok", CLUA_OK, NULL);                            /* still usable after all of the above */
  call(vm, "missing", CLUA_ERR_HOST, "missing");
  call_each(vm);
  call(vm, "ok", CLUA_OK, NULL);                            /* and after call_each */
  proven(vm);
  call(vm, "trapped", CLUA_ERR_INSTRUCTIONS, "instruction limit");   /* counted again after it */
  call(vm, "grow", CLUA_ERR_RUNTIME, "__tostring failed");  /* __tostring runs under the memory cap */
  report(clua_vm_memory_peak(vm) <= limits.memory_limit, "the handler never lifts the cap for script code");
  call(vm, "long", CLUA_ERR_RUNTIME, "message cut at 2000 bytes");
  budgets(vm, limits);
  call(vm, "ok", CLUA_OK, NULL);                            /* and after the budgets */
  call(vm, "churn", CLUA_OK, NULL);
  clua_vm_free(vm);
  /* a state with a 1 MiB limit has a 1 MiB pool region: blocks of other classes come from malloc
     once it is spent, and every string stays what it was */
  clua_limits small = limits;
  small.memory_limit = 1u << 20;
  clua_vm *tight = clua_vm_new(small, &failure);
  if (!tight || clua_vm_run_trusted(tight, program, strlen(program), "=test", "t", &e) != CLUA_OK) {
    printf("FAIL a small state: %s\n", e.message ? e.message : failure);
    return 1;
  }
  clua_error_clear(&e);
  call(tight, "spill", CLUA_OK, NULL);
  call(tight, "spill", CLUA_OK, NULL);
  clua_vm_free(tight);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
