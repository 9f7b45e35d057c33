# Writes rules/catalog.json into a C++ source as a raw string literal.
file(READ ${INPUT} CATALOG)
file(WRITE ${OUTPUT}.tmp
  "// Generated from rules/catalog.json by rules/EmbedCatalog.cmake.\n"
  "namespace mcp_cutover {\n"
  "extern const char *const RuleCatalogJson;\n"
  "const char *const RuleCatalogJson = R\"mcpcatalog(${CATALOG})mcpcatalog\";\n"
  "}\n")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
