/* The C shim on its own, run under valgrind by `make test`: every failure kind comes back as a
   status with a message (never a longjmp out), the state stays usable, and nothing leaks. */
#include "CLuaShim.h"
#include <stdio.h>
#include <string.h>

static const char *program =
  "return {\n"
  " ok = function(a) return a, { x = 1, 'y' } end,\n"
  " boom = function() error('bad') end,\n"
  " object = function() error(setmetatable({}, { __tostring = function() error('nested') end })) end,\n"
  " loop = function() while true do end end,\n"
  " trapped = function() while true do pcall(function() while true do end end) end end,\n"
  " memory = function() local t = {} for i = 1, 1e8 do t[i] = { i } end end,\n"
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
  call(vm, "ok", CLUA_OK, NULL);                            /* still usable after all of the above */
  call(vm, "missing", CLUA_ERR_HOST, "missing");
  clua_vm_free(vm);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
