/*
| The client as production serves it, built apart and read from Vite's
| manifest: what a browser downloads before a page shows (the entry, the
| page's chunk and every chunk they import statically), gzipped. Shared by
| bench/first_load.ts (the figures) and bin/check_assets.ts (the budget).
*/
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const ENTRY = 'inertia/app.tsx'

type Chunk = { file: string; src?: string; imports?: string[]; css?: string[] }

export class ClientBuild {
  private constructor(
    readonly root: string,
    readonly outDir: string,
    readonly manifest: Record<string, Chunk>
  ) {}

  /** vite build into outDir, React's production runtime whatever NODE_ENV says */
  static make(root: string, outDir: string) {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--manifest',
        'manifest.json',
        '--logLevel',
        'warn',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      }
    )
    return new ClientBuild(
      root,
      outDir,
      JSON.parse(readFileSync(join(root, outDir, 'manifest.json'), 'utf8'))
    )
  }

  /** The manifest keys of the pages (inertia/pages/…) */
  pages() {
    return Object.keys(this.manifest).filter((key) => key.startsWith('inertia/pages/'))
  }

  /** The page's first load: the entry and the page, with every chunk they import statically */
  firstLoad(page: string): string[] {
    const seen = new Set<string>()
    const visit = (key: string) => {
      if (seen.has(key) || !this.manifest[key]) return
      seen.add(key)
      for (const imported of this.manifest[key].imports ?? []) visit(imported)
    }
    visit(ENTRY)
    visit(page)
    return [...seen]
  }

  gzipped(file: string) {
    return gzipSync(readFileSync(join(this.root, this.outDir, file))).length
  }

  text(file: string) {
    return readFileSync(join(this.root, this.outDir, file), 'utf8')
  }

  /** Bytes of JS and CSS, gzipped, of a page's first load */
  firstLoadSize(page: string) {
    const chunks = this.firstLoad(page).map((key) => this.manifest[key])
    return {
      js: chunks.reduce((total, chunk) => total + this.gzipped(chunk.file), 0),
      css: [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))].reduce(
        (total, file) => total + this.gzipped(file),
        0
      ),
    }
  }

  /** Every JavaScript file of the build */
  scripts() {
    return [...new Set(Object.values(this.manifest).map((chunk) => chunk.file))].filter((file) =>
      file.endsWith('.js')
    )
  }
}
