//===- RegistrationVocabulary.h - What names say about registrations ------===//
//
// Without an SDK profile, a registration is recognised by its shape (a call
// that receives a name and a callable, a schema or a definition object);
// the names of the callee, its parameters, the receiver's type and the
// definition's fields decide what each part is. The words live here so
// that the extraction code says what it looks for, not how it is spelled.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mcp_cutover {

/// "tool", "resource" or "prompt" when an identifier names one of them
/// (add_tool, RegisterResource, PromptRouter, ResourceTemplate, Tool).
std::optional<std::string> registeredKindNamed(llvm::StringRef Identifier);

/// A callee whose name says it registers something: its first word is a
/// registration verb (add, register, define, expose, route, ...) or the
/// kind itself (`app.tool(...)`), never a use (call_tool, get_prompt,
/// remove_tool, list_resources).
bool namesRegistrationCall(llvm::StringRef CalleeName);

/// The part of a tool, resource or prompt definition a parameter or field
/// name stands for.
enum class DefinitionRole {
  None,
  Name,         ///< name, tool_name, promptName
  Uri,          ///< uri, url, uri_template, uriTemplate, path, file_path
  Description,  ///< description, desc
  InputSchema,  ///< schema, input_schema, inputSchema, parameters_schema
  OutputSchema, ///< output_schema, outputSchema, result_schema
  Handler,      ///< handler, callback, fn, func, function
};
DefinitionRole definitionRoleNamed(llvm::StringRef Identifier);

} // namespace mcp_cutover
