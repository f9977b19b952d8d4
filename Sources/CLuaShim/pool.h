#ifndef CLUASHIM_POOL_H
#define CLUASHIM_POOL_H
/* Internal to the shim: a rule state's small blocks (see pool.c). */
#include <stddef.h>
#include <stdint.h>

#define POOL_GRAIN 16                                  /* block sizes are multiples of this */
#define POOL_CLASSES 16                                /* so the largest pooled block is 256 bytes */
#define POOL_MAX (POOL_GRAIN * POOL_CLASSES)

typedef struct clua_pool {
    char *base;                  /* the reserved region (NULL: no pool, every block is malloc's) */
    size_t size;                 /* its bytes */
    size_t carved;               /* bytes of it handed out so far (blocks are never given back) */
    void *free_list[POOL_CLASSES + 1];   /* freed blocks by class (1...POOL_CLASSES) */
} clua_pool;

/* Reserves `size` bytes of address space (pages are committed when first touched). A pool whose
   reservation fails is empty: then pool_alloc always returns NULL. */
void pool_init(clua_pool *pool, size_t size);
/* Gives the region back (every block in it is gone). */
void pool_destroy(clua_pool *pool);

/* Whether `block` is one of the pool's. */
static inline int pool_owns(const clua_pool *pool, const void *block) {
    return (uintptr_t)block - (uintptr_t)pool->base < pool->size;
}
/* The class of an n-byte block (1...POOL_CLASSES), or 0 when n is too large for the pool. */
static inline size_t pool_class(size_t n) {
    return n <= POOL_MAX ? (n + POOL_GRAIN - 1) / POOL_GRAIN : 0;
}
/* A block of class `cls` (1...POOL_CLASSES), or NULL when the region is spent. */
static inline void *pool_alloc(clua_pool *pool, size_t cls) {
    void *block = pool->free_list[cls];
    if (block) {
        pool->free_list[cls] = *(void **)block;
        return block;
    }
    size_t bytes = cls * POOL_GRAIN;
    if (pool->size - pool->carved < bytes) return NULL;     /* also when there is no region */
    block = pool->base + pool->carved;
    pool->carved += bytes;
    return block;
}
/* Gives back a block of class `cls` that pool_alloc returned. */
static inline void pool_free(clua_pool *pool, void *block, size_t cls) {
    *(void **)block = pool->free_list[cls];
    pool->free_list[cls] = block;
}
#endif
