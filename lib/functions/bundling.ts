// How every handler is bundled. The stack (NodejsFunction) and the bundle-size bench both read
// these settings, so the size the bench reports is the size Lambda receives.
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

// Node.js 22 is the major the project runs and tests on (package.json's `node` devDependency);
// deploying the same major means the local runtime and Lambda execute the same JavaScript.
const lambdaRuntime = Runtime.NODEJS_22_X;
const esbuildTarget = 'node22';
// Graviton: about 20% cheaper per GB-second than x86_64 for the same memory.
const lambdaArchitecture = Architecture.ARM_64;

// ESM output still meets CommonJS-only dependencies that call require(); this gives them one.
const esmRequireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const bundlingSettings = {
  minify: true,
  sourceMap: true,
  // The SDK v3 ships in the Node.js 22 runtime; bundling it again would only add cold-start bytes.
  externalModules: ['@aws-sdk/*'],
  mainFields: ['module', 'main'],
  banner: esmRequireShim,
} as const;

const nodejsBundlingOptions = (): BundlingOptions => ({
  minify: bundlingSettings.minify,
  sourceMap: bundlingSettings.sourceMap,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  format: OutputFormat.ESM,
  target: esbuildTarget,
  mainFields: [...bundlingSettings.mainFields],
  externalModules: [...bundlingSettings.externalModules],
  banner: bundlingSettings.banner,
  forceDockerBundling: false,
});

/** The esbuild options equivalent to what NodejsFunction passes on its command line. */
const esbuildBuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: esbuildTarget,
  minify: bundlingSettings.minify,
  sourcemap: bundlingSettings.sourceMap,
  sourcesContent: false,
  mainFields: [...bundlingSettings.mainFields],
  external: [...bundlingSettings.externalModules],
  banner: { js: bundlingSettings.banner },
  logLevel: 'warning',
});

export { lambdaRuntime, lambdaArchitecture, esbuildTarget, bundlingSettings, nodejsBundlingOptions, esbuildBuildOptions };
