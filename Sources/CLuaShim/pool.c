/*
 * A rule state's small blocks. Nearly everything Lua allocates while rules run is small and
 * short-lived (tables, strings, closures, short arrays: 95% of the blocks `rubric batch` asks
 * for are 256 bytes or less), and malloc spent about 180 instructions on each allocation or
 * free (callgrind), in a heap it shares with Swift's objects. The pool keeps each state's small
 * blocks in a region of its own, in sixteen size classes with a free list each: an allocation
 * or a free is a few instructions, and a state's objects sit together. Blocks are carved from
 * the region in order and never given back to it (a freed block waits on its class's list);
 * once the region is spent, blocks come from malloc as before.
 *
 * The memory limit is not the pool's business: vm_alloc counts the bytes Lua asks for, whoever
 * serves them, so a script's limit and its errors are what they were. What the pool holds beyond
 * the live bytes (blocks waiting on a class's list, which no other class can use) is bounded by
 * its region: vm.c sizes it at most the memory limit and at most 16 MiB, so a state's small
 * blocks never hold more than the limit again on top of what is live.
 *
 * Built with CLUA_POOL_OFF, or under AddressSanitizer or ThreadSanitizer (whose checks need
 * every block to be malloc's), there is no pool; `make test-c` runs the shim's tests that way too,
 * so valgrind sees every one of Lua's blocks as its own allocation.
 */
#include "pool.h"
#include <sys/mman.h>

void pool_init(clua_pool *pool, size_t size) {
    *pool = (clua_pool){0};
#if defined(__has_feature)
#  if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#    define CLUA_POOL_OFF 1
#  endif
#endif
#ifdef CLUA_POOL_OFF
    (void)size;
#else
    if (size == 0) return;
    void *region = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED) return;          /* no pool: malloc serves every block */
    pool->base = region;
    pool->size = size;
#endif
}

void pool_destroy(clua_pool *pool) {
    if (pool->base) munmap(pool->base, pool->size);
    *pool = (clua_pool){0};
}

