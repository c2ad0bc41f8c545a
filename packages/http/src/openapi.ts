// What the OpenAPI documents of lrew's servers share: Fastify's route paths written as OpenAPI's.

/** Fastify's `/x/:id` → OpenAPI's `/x/{id}`. Pure. */
export function openApiPath(fastifyUrl: string): string {
  return fastifyUrl.replace(/:([A-Za-z_]+)/g, "{$1}");
}
