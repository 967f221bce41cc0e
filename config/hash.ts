import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * scrypt with the OWASP-recommended cost (N=2^17, r=8, p=1); the test
 * environment lowers the cost only to keep the suite fast.
 */
const hashConfig = defineConfig({
  default: 'scrypt',
  list: {
    scrypt: drivers.scrypt({
      cost: process.env.NODE_ENV === 'test' ? 1024 : 131072,
      blockSize: 8,
      parallelization: 1,
      maxMemory: 256 * 1024 * 1024,
    }),
  },
})

export default hashConfig

declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
