// Types of package-mac.mjs for the packaging test.
export function packageMac(options: {
  projectDir: string;
  configFile?: string;
  overrides?: object;
  cliArgs?: string[];
}): Promise<string[]>;
