import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** What a service says about itself in its OpenAPI document. */
export interface OpenApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** Serve Swagger UI at `/docs` (default: when swagger-ui-dist is installed). */
  readonly ui?: boolean;
}

/** Where {@link setupOpenApi} serves the document and the UI. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const OPENAPI_UI_PATH = '/docs';

/** What {@link setupOpenApi} set up. */
export interface OpenApiSetup {
  readonly document: OpenAPIObject;
  /** False when swagger-ui-dist is not installed: only the JSON is served then. */
  readonly ui: boolean;
}

/**
 * Generates the OpenAPI document from the app's controllers (their @nestjs/swagger decorators)
 * and serves it at `GET /openapi.json`, with Swagger UI at `/docs` when swagger-ui-dist is
 * installed. `bootstrapService` puts both behind a token (`protectApiDocs`). Call it after `configureHttpApp` and before `listen`/`init`: routes added after
 * Nest has mounted its own are never reached.
 */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): OpenApiSetup {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setVersion(options.version)
    .setDescription(options.description)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "A token of an agency's identity provider (on the edge node: npm run token)" })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const ui = (options.ui ?? true) && swaggerUiInstalled();
  SwaggerModule.setup(OPENAPI_UI_PATH.slice(1), app, document, {
    ui,
    raw: ['json'],
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    customSiteTitle: options.title,
  });
  return { document, ui };
}

function swaggerUiInstalled(): boolean {
  try {
    require.resolve('swagger-ui-dist/package.json');
    return true;
  } catch {
    return false;
  }
}
