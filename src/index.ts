import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';
import { buildConfigs, type ConfigName } from './configs.js';
import { packageInfo } from './util/package-info.js';

const { name, version } = packageInfo();

interface ResponseLifecyclePlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: ResponseLifecyclePlugin = {
  meta: { name, version, namespace: 'response-lifecycle' },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

export default plugin;
// Node's require(esm) returns this export when present, so `require('eslint-plugin-response-lifecycle')`
// from CommonJS configs gets the plugin itself rather than a namespace object.
export { plugin as 'module.exports' };
