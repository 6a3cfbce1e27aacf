import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { schemaText } from './schema'

// `npm run schema`: rewrites db/schema.sql after a migration is added.
writeFileSync(fileURLToPath(new URL('./schema.sql', import.meta.url)), schemaText())
