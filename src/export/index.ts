import type { Exporter } from './exporter'
import { rankingExporter } from './ranking'
import { registryExporter } from './registry'
import { reportsExporter } from './reports'
import { sixiaoExporter } from './sixiao'
import { spotCheckExporter } from './spot-checks'

export type { Exporter, ExportRequest, ExportResult } from './exporter'
export { defineExporter, ExportError } from './exporter'

/** Every `admin export` kind, in the order `--help` lists them. A new export is one file + one line here. */
export const EXPORTERS: readonly Exporter[] = [
  rankingExporter,
  reportsExporter,
  sixiaoExporter,
  spotCheckExporter,
  registryExporter,
]

export const exporterByName = (name: string) => EXPORTERS.find((e) => e.name === name)
