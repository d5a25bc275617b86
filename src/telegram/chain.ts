import { Composer, type Context, type Middleware, type MiddlewareFn } from 'telegraf'

/**
 * Middlewares run one after another as Composer.compose runs them (each decides whether to call next), with one
 * closure per step instead of two async frames: every update walks the features' chain until one takes it, and a
 * button or an inline query passes most of them. A step's throw becomes the chain's rejection; a middleware that
 * calls next twice is refused, as telegraf refuses it.
 */
export function chain<C extends Context>(middlewares: Middleware<C>[]): MiddlewareFn<C> {
  const fns = middlewares.map((m) => Composer.unwrap(m))
  // One function for every update, its state passed in: tsx names each closure it compiles with a defineProperty call
  // (about 0.4 µs), so a step function made per update cost more than the step itself.
  function step(ctx: C, next: () => Promise<void>, walk: { reached: number }, i: number): Promise<void> {
    if (i <= walk.reached) return Promise.reject(new Error('next() called multiple times'))
    walk.reached = i
    if (i === fns.length) return next()
    try {
      return Promise.resolve(fns[i]!(ctx, () => step(ctx, next, walk, i + 1))) as Promise<void>
    }
    catch (err) {
      return Promise.reject(err)
    }
  }
  return (ctx, next) => step(ctx, next, { reached: -1 }, 0)
}
