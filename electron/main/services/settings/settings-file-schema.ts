// The settings file's JSON Schema, generated from the zod settings schema so that the file format and the schema the
// app parses with cannot drift apart. conf and electron-store check every read and write against it (ajv); the zod
// schema still has the last word, since refinements (unique names, the ws:// rule) have no JSON Schema form.
import type { Options } from 'conf';
import { z } from 'zod';
import { settingsSchema } from '../../../shared/settings';

/** The file as conf sees it: plain JSON data, checked by the schema below and parsed by the zod schema. */
export type SettingsFileData = Record<string, unknown>;

type ConfSchemas = Required<Pick<Options<SettingsFileData>, 'schema' | 'rootSchema'>>;
let made: ConfSchemas | undefined;

/** Made once, when conf first opens: reading valid settings needs neither (settings-store.ts). */
export function settingsFileSchemas(): ConfSchemas {
  if (made) return made;
  const fileSchema = z.toJSONSchema(settingsSchema, {
    // The file is what the parser reads, so a key that has a default may be missing from it.
    io: 'input',
    // Defaults are zod's to fill in. ajv ignores a `default` inside oneOf (the route kinds), and conf's strict ajv
    // refuses to compile a schema that has one there.
    override: ({ jsonSchema }) => {
      delete jsonSchema.default;
    },
  });
  // conf takes the top-level `properties` as its `schema` option and every other top-level keyword (here
  // `additionalProperties: false`) as `rootSchema`; the dialect and the object type are its own.
  const { properties, $schema: _dialect, type: _objectType, ...rootKeywords } = fileSchema;
  made = {
    schema: properties as ConfSchemas['schema'],
    rootSchema: rootKeywords as ConfSchemas['rootSchema'],
  };
  return made;
}
