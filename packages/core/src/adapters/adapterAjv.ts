import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The one validator for adapters' own schemas (manifests, configs, operator events), with the standard formats. */
export const adapterAjv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv2020) => void)(adapterAjv);
