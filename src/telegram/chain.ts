import { Composer, type Context, type Middleware, type MiddlewareFn } from 'telegraf'

/**
 * Middlewares run one after another as Composer.compose runs them (each decides whether to call next), with one
 * closure per step instead of two async frames: every update walks the features' chain until one takes it, and a
 * button or an inline query passes most of them. A step's throw becomes the chain's rejection; a middleware that
 * calls next twice is refused, as telegraf refuses it.
 */
export function chain<C extends Context>(middlewares: Middleware<C>[]): MiddlewareFn<C> {
  const fns = middlewares.map((m) => Composer.unwrap(m))
  return (ctx, next) => {
    let reached = -1
    const step = (i: number): Promise<void> => {
      if (i <= reached) return Promise.reject(new Error('next() called multiple times'))
      reached = i
      if (i === fns.length) return next()
      try {
        return Promise.resolve(fns[i]!(ctx, () => step(i + 1))) as Promise<void>
      }
      catch (err) {
        return Promise.reject(err)
      }
    }
    return step(0)
  }
}
