//===- SdkProfile.h - How an MCP SDK registers tools, as data -------------===//
//
// Every C++ MCP SDK spells "register a tool" differently: a call taking name,
// schema and handler, a struct or a constructor, a fluent builder. Profiles
// (rules/sdk/*.json, and --sdk-profile files) say which calls, types and
// builder methods mean what, so the extraction code knows no SDK by name.
// The format is documented in docs/sdk-profiles.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mcp_cutover {

/// For each role (name, description, inputSchema, outputSchema, handler,
/// tool), the parameter or field names that play it.
using RoleNames = std::map<std::string, std::vector<std::string>>;

/// A call that registers a tool, resource or prompt: `app.tool(name, schema,
/// handler)`, `server.register_tool(tool, handler)`.
struct RegistrationCall {
  std::string callee; ///< Qualified name, or a name matched in any scope.
  std::string kind;   ///< tool, resource or prompt.
  RoleNames parameters;
  /// "schema", or "schema-or-simple": an object without "type" and
  /// "properties" maps each argument name to its type, all required.
  std::string inputSchemaForm = "schema";
};

/// A type whose construction (aggregate or constructor) defines a tool.
struct ToolType {
  std::string type;
  std::string kind;
  RoleNames fields; ///< Field names (aggregates) or constructor parameters.
};

/// One method of a fluent builder.
struct BuilderMethod {
  std::string name;
  /// "description": the method sets the description from `parameter`.
  std::string sets;
  std::string parameter;
  /// When not null, the method adds an input property with this schema.
  nlohmann::ordered_json property;
  std::string nameParameter;
  std::string descriptionParameter;
  std::string requiredParameter; ///< Absent or defaulted: required.
  std::string itemTypeParameter;
  std::string propertiesParameter;
};

/// `tool_builder("x").with_description(...).with_string_param(...).build()`.
struct Builder {
  std::string type;
  std::string kind;
  std::string nameParameter; ///< Of the constructor.
  std::string build;         ///< The method that ends the chain.
  nlohmann::ordered_json initialSchema;
  std::vector<BuilderMethod> methods;
  /// The call that adds a required string argument, inserted before the
  /// build call as a fix-it; {name} and {description} are replaced.
  std::string handleParameterCall;
};

struct SdkProfile {
  std::string name;
  std::string description;
  std::string source; ///< The file it came from.
  std::vector<RegistrationCall> registrations;
  std::vector<ToolType> toolTypes;
  std::vector<Builder> builders;
  /// Calls that remove a tool, resource or prompt at runtime.
  std::vector<std::string> removals;
  /// Calls that send a notifications/*/list_changed.
  std::vector<std::string> listChangedCalls;
};

/// True when `Pattern` names `QualifiedName`: equal, or equal to a suffix
/// that starts after "::" (so "register_tool" matches "mcp::server::
/// register_tool").
bool namePatternMatches(const std::string &Pattern,
                        const std::string &QualifiedName);

class SdkProfileSet {
public:
  /// The profiles shipped in rules/sdk/.
  static std::shared_ptr<const SdkProfileSet> builtin();
  /// Parses one profile; throws std::runtime_error("SOURCE: problem").
  static SdkProfile parse(const std::string &Text, const std::string &Source);
  /// Reads and parses a profile file; throws std::runtime_error naming it.
  static SdkProfile load(const std::string &Path);

  void add(SdkProfile Profile) { Profiles.push_back(std::move(Profile)); }
  const std::vector<SdkProfile> &profiles() const { return Profiles; }

private:
  std::vector<SdkProfile> Profiles;
};

} // namespace mcp_cutover
