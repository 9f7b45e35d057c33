//===- Finding.h - Facts and findings produced per translation unit -------===//
//
// Data flows one way: each translation unit yields a TranslationUnitFacts
// value (findings plus the raw facts some rules only judge project-wide);
// ProjectLinker merges them; writers render the merged result. Everything
// here is plain data and round-trips through JSON.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

enum class Level { Note, Warning, Error };

const char *levelName(Level L);
/// Parses "note", "warning" or "error"; returns false on anything else.
bool parseLevel(const std::string &Text, Level &Out);

/// A 1-based source range. Columns count bytes, as compilers do; `file` is
/// absolute during analysis and root-relative after linking.
struct SourceSpan {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
  unsigned endLine = 0;
  unsigned endColumn = 0;

  /// "file:line:col", the identity of a declaration across TUs.
  std::string key() const;
  friend bool operator<(const SourceSpan &A, const SourceSpan &B);
  friend bool operator==(const SourceSpan &A, const SourceSpan &B) = default;
};

struct RelatedLocation {
  SourceSpan span;
  std::string message;
  friend bool operator==(const RelatedLocation &,
                         const RelatedLocation &) = default;
};

/// One replacement of a byte range; an empty range inserts.
struct FixIt {
  SourceSpan span;
  std::string replacement;
  friend bool operator==(const FixIt &, const FixIt &) = default;
};

/// True when `Id` is among `EnabledRules`, or when that set is empty (all
/// rules). Every place that asks "does this rule run?" asks here.
bool isRuleEnabled(const std::set<std::string> &EnabledRules,
                   const std::string &Id);

/// How much a fix can be trusted without reading it. Both tiers are only
/// ever applied after re-parsing proved they compile (tool/fix/FixVerifier).
enum class FixTier {
  Safe,  ///< Purely mechanical: the program does what it did.
  Review ///< Changes behaviour or meaning: a person reads it first.
};
const char *fixTierName(FixTier T);
/// Parses "safe" or "review"; returns false on anything else.
bool parseFixTier(const std::string &Text, FixTier &Out);

/// An in-source directive accepting a finding (tool/link/Suppressions.h);
/// SARIF's suppression of kind "inSource".
struct Suppression {
  SourceSpan directive;      ///< Where the directive is written.
  std::string justification; ///< The reason written with it ("" for none).
  friend bool operator==(const Suppression &, const Suppression &) = default;
};

struct Finding {
  std::string ruleId;
  Level level = Level::Warning; ///< Filled from the rule catalog on linking.
  SourceSpan span;
  std::string message;
  std::vector<RelatedLocation> related;
  std::vector<FixIt> fixes;
  /// Of `fixes`; filled from the rule catalog on linking.
  FixTier fixTier = FixTier::Review;
  std::string fingerprint; ///< Filled on linking.
  /// Reported at note level whatever the catalog says: the rule saw only
  /// part of what it needs (handle-weak-entropy with one side of the flow).
  bool atMostNote = false;
  /// Set on the findings ProjectResult::suppressed holds.
  std::optional<Suppression> suppression;
  /// With --baseline: "new" or "unchanged" (SARIF's baselineState); "" when
  /// no baseline was given, "absent" on ProjectResult::fixed.
  std::string baselineState;
};

/// An associative container declared in user code (field, global or static):
/// a candidate for session-keyed-state, decided project-wide.
struct StateContainerFact {
  SourceSpan decl;           ///< The declared name.
  std::string name;          ///< As written, e.g. "sessions_".
  std::string containerType; ///< e.g. "std::map".
  std::string keyType;       ///< The key type as written, e.g. "SessionId".
  std::string aliasName;     ///< The type alias it is declared with, if any.
  bool keyTypeNamesSession = false;
  bool nameNamesSessionStore = false;
  bool aliasNamesSession = false;
};

/// A use of a container's element access (`[]`, find, erase, ...).
struct StateAccessFact {
  std::string declKey; ///< SourceSpan::key() of the container's declaration.
  SourceSpan site;
  std::string keyText; ///< The key expression as written, e.g. "session_id".
  bool keyIsSession = false;
};

/// Per-instance state one function touches directly. Kinds: "session-id"
/// (a session id the SDK passes in), "global" (namespace-scope or static
/// member variable), "static-local", "member" (a field of `this`), "capture"
/// (a variable of an enclosing function, captured by a lambda).
struct StateUse {
  std::string kind;
  std::string stateKey; ///< Declaration key of the variable or field.
  std::string name;     ///< For messages: "g_sessions", "Server::carts_".
  SourceSpan site;
  bool write = false;
  friend bool operator==(const StateUse &, const StateUse &) = default;
};

/// A call from one function to another the project may define. `receiver`
/// says whose members the callee's "member" uses are: "this" (the caller's
/// object), "" (none, or an object that does not outlive the call), or a
/// StateUse kind with receiverKey/receiverName naming that state.
struct CallSite {
  std::string callee; ///< Function id (see functionId()).
  SourceSpan site;
  std::string receiver;
  std::string receiverKey;
  std::string receiverName;
  friend bool operator==(const CallSite &, const CallSite &) = default;
};

/// What one function of the user's code does that matters for statelessness,
/// before following its calls (ToolContractLinker follows them).
struct FunctionStateFact {
  std::string id;
  std::string name; ///< Qualified, or "lambda" for lambdas.
  SourceSpan decl;
  std::vector<StateUse> uses;
  std::vector<CallSite> calls;
  /// Runtime changes of the tool, resource or prompt lists, and list_changed
  /// notifications sent.
  std::vector<RelatedLocation> listMutations;
};

/// An object or array a C++ JSON literal writes in place, where a fix-it
/// can add to it: `insertAt` is just after its last element, or inside the
/// braces when it is empty, or the whole `json::object()` call it replaces
/// with a braced list (`replace`); `separator` goes before an added element
/// (", ", or a comma, a newline and the elements' indentation when they are
/// one per line).
struct LiteralList {
  SourceSpan insertAt;
  std::string separator;
  bool empty = false;
  bool replace = false;
  friend bool operator==(const LiteralList &, const LiteralList &) = default;
};

/// A tool, resource or prompt the code defines or registers. A schema that
/// cannot be known statically has `inputSchemaKnown` false.
struct ToolFact {
  std::string kind = "tool";
  std::string name; ///< Empty when not a constant.
  SourceSpan site;  ///< The definition (the name, or the defining expression).
  std::string profile;
  std::string description;
  bool descriptionKnown = false;
  /// json-literal, raw-json, builder, or "" (none given).
  std::string schemaStyle;
  nlohmann::ordered_json inputSchema;
  bool inputSchemaKnown = false;
  bool inputSchemaGiven = false;
  SourceSpan inputSchemaSpan;
  /// The literal's braced lists by JSON Pointer inside the input schema.
  std::map<std::string, LiteralList> inputSchemaLists;
  nlohmann::ordered_json outputSchema;
  bool outputSchemaKnown = false;
  std::string handler; ///< Function id; empty when not resolved.
  SourceSpan handlerSpan;
  /// Where and what to insert to add a required string argument (C++
  /// fix-it); `handleInsertion` holds {name} and {description}.
  SourceSpan handleInsertionPoint;
  std::string handleInsertion;
  /// Named only by a hand-written tools/call branch (`if (params.name ==
  /// "x")`); the linker folds it into a registered tool of the same name.
  bool dispatchBranch = false;
  /// The object the registration was made on (a declaration key, or
  /// "this:Class"), "" when not a member call; ties a catch-all handler
  /// (`server.setToolCallHandler(fn)`) to the tools listed on it.
  std::string registrar;
  /// A catch-all handler of every `kind` registered on `registrar` that
  /// has none: nameless, never a tool itself.
  bool catchAll = false;
};

/// A predictable value that may become an id (handle-weak-entropy): rand,
/// a <random> engine, a clock, a counter, too few random bytes.
struct WeakSourceFact {
  std::string label; ///< The flow label it starts ("src:" + site key).
  SourceSpan site;
  std::string what;     ///< "a counter ('next_id_')", for the message.
  std::string minter;   ///< "'create'": the function it is in.
  std::string function; ///< That function's id.
  std::string counter;  ///< The counter's declaration key, for a counter.
  /// Minted in a function or variable named for a handle or session id;
  /// only these are reported when one side of the flow cannot be seen.
  bool namedHandle = false;
  /// The function, the counter or the variable it goes into is named for
  /// an identifier (id, uuid, token, index, sequence...): a clock or a
  /// random number named otherwise is a timestamp or a sample, not an id.
  bool namedId = false;
  /// Named for JSON-RPC request or message numbering: a JSON "id" member
  /// it reaches is the request id, not a handle leaving.
  bool requestNumbering = false;
};

/// Values labelled `from` reach `to`: a field or global assigned, a
/// parameter passed, a function's return value.
struct IdFlowEdge {
  std::vector<std::string> from;
  std::string to;
};

/// Values labelled `labels` leave the process toward a peer: kind "header"
/// (detail: the header name as written), "sse-id", "url", "json" (detail:
/// the member's name).
struct IdSinkFact {
  std::vector<std::string> labels;
  std::string kind;
  std::string detail;
  SourceSpan site;
};

/// A key stored in, or looked up in, a container field or global (or an
/// id field compared with another value: a lookup by comparison).
struct IdKeyFact {
  std::string container;     ///< Its flow label.
  std::string containerName; ///< As declared: "sessions_".
  std::vector<std::string> labels;
  bool store = false;
  bool comparison = false; ///< `session->id == sid`: the entity is the id.
  SourceSpan site;
};

/// Where values go in one translation unit, for the project-wide question
/// "does this predictable id reach a client and come back?".
struct IdFlowFacts {
  std::vector<WeakSourceFact> sources;
  std::vector<IdFlowEdge> edges;
  std::vector<IdSinkFact> sinks;
  std::vector<IdKeyFact> keys;
  /// Request headers read by name (lower case): a header sent with an id
  /// comes back when the project reads it (Last-Event-ID for SSE ids).
  std::vector<std::string> headersRead;
  /// Counters (integer or atomic fields and globals) whose value is read
  /// somewhere other than by incrementing, resetting or storing them.
  std::vector<std::string> counterReads;
};

/// Server code that dispatches on an MCP method's name (missing-server-discover
/// asks whether any dispatcher of the project handles server/discover).
struct MethodDispatchFact {
  std::string method;
  /// The function it is written in (a lambda counts as the function around
  /// it), by where it is defined: SourceSpan::key().
  std::string dispatcher;
  /// How the message names it: "'Server::handle'".
  std::string phrase;
  SourceSpan site;
  bool registers = false; ///< A handler registered under the method.
};

/// A Redis command in a function of the user's code whose key is that
/// function's parameter, not itself a session id: a store wrapper, which
/// mcp-only-redis reports when every call of it passes a session id.
struct RedisKeyParamFact {
  std::string function;     ///< Its function id (see functionId()).
  std::string functionName; ///< Qualified: "SessionStore::load".
  unsigned param = 0;       ///< The parameter the key is built from.
  std::string paramName;
  std::string command; ///< How a message names the call: "'redis_.get'".
  SourceSpan site;
};

/// A call, in the user's code, of a function the user's code declares that
/// takes a string, and what each of its arguments is: for mcp-only-redis's
/// question "does every call key the store by a session id?".
struct KeyArgumentCall {
  std::string callee; ///< Function id.
  std::string caller; ///< Function id of the function the call is in.
  SourceSpan site;
  /// Per argument: "session" (a session id), "param:N" (the caller's
  /// parameter N, as it came), or "" (anything else).
  std::vector<std::string> arguments;
};

/// A finding that stands only where the project does not show every sign
/// of `unless`, signs of the 2026-07-28 shape anywhere in it
/// ("protocol-2026": the version is written; "client-2026": a client asks
/// server/discover). The linker decides, once every unit's signs are known.
struct ConditionalFinding {
  std::vector<std::string> unless;
  /// Signs the project must all show for the finding to stand (the other
  /// wording of a finding some sign makes wrong).
  std::vector<std::string> onlyIf;
  Finding finding;
};

enum class UnitStatus { Complete, Incomplete, Failed };

/// The most errors a unit's facts keep (clang stops at about 20 anyway).
constexpr size_t MaxRecordedErrors = 100;
const char *unitStatusName(UnitStatus S);

struct TranslationUnitFacts {
  std::string file; ///< The main file, absolute.
  /// A header no TU includes, analysed on its own with a neighbour's flags.
  bool standaloneHeader = false;
  UnitStatus status = UnitStatus::Complete;
  std::string firstError; ///< "file:line:col: message" when not complete.
  unsigned errorCount = 0;
  /// Every error as "file: message" (no line: a fix that moves code must not
  /// make an old error look new), for telling the errors a fix-it causes
  /// from those the unit had; at most MaxRecordedErrors.
  std::vector<std::string> errors;
  std::vector<Finding> findings;
  std::vector<StateContainerFact> containers;
  std::vector<StateAccessFact> accesses;
  std::vector<FunctionStateFact> functions;
  std::vector<ToolFact> tools;
  IdFlowFacts idFlow;
  std::vector<MethodDispatchFact> methodDispatches;
  std::vector<ConditionalFinding> conditionalFindings;
  std::vector<RedisKeyParamFact> redisKeyParams;
  std::vector<KeyArgumentCall> keyArgumentCalls;
  /// The signs this unit shows (see ConditionalFinding).
  std::set<std::string> projectSigns;
  /// The user's files this TU read besides its main file (absolute, sorted).
  std::vector<std::string> userFiles;
  /// contentDigest() of each file a fix-it edits, as the compiler read it.
  std::map<std::string, std::string> fileDigests;
  /// Every file the TU read, its main file and system headers included, to
  /// a hash of the bytes the compiler parsed: what a cached copy of these
  /// facts depends on (tool/driver/FactCache.h). Not in the JSON form; the
  /// cache keeps it beside the facts.
  std::map<std::string, std::string> filesRead;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceSpan, file, line, column, endLine,
                                   endColumn)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StateContainerFact, decl, name,
                                   containerType, keyType, aliasName,
                                   keyTypeNamesSession, nameNamesSessionStore,
                                   aliasNamesSession)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StateAccessFact, declKey, site, keyText,
                                   keyIsSession)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StateUse, kind, stateKey, name, site, write)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LiteralList, insertAt, separator, empty,
                                   replace)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(WeakSourceFact, label, site, what, minter,
                                   function, namedHandle, namedId,
                                   requestNumbering)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IdFlowEdge, from, to)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IdSinkFact, labels, kind, detail, site)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IdKeyFact, container, containerName, labels,
                                   store, comparison, site)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MethodDispatchFact, method, dispatcher,
                                   phrase, site, registers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RedisKeyParamFact, function, functionName,
                                   param, paramName, command, site)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KeyArgumentCall, callee, caller, site,
                                   arguments)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IdFlowFacts, sources, edges, sinks, keys,
                                   headersRead, counterReads)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CallSite, callee, site, receiver,
                                   receiverKey, receiverName)
void to_json(nlohmann::json &J, const RelatedLocation &R);
void from_json(const nlohmann::json &J, RelatedLocation &R);
void to_json(nlohmann::json &J, const FixIt &F);
void from_json(const nlohmann::json &J, FixIt &F);
void to_json(nlohmann::json &J, const Finding &F);
void from_json(const nlohmann::json &J, Finding &F);
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ConditionalFinding, unless,
                                                onlyIf, finding)
void to_json(nlohmann::json &J, const FunctionStateFact &F);
void from_json(const nlohmann::json &J, FunctionStateFact &F);
void to_json(nlohmann::json &J, const ToolFact &F);
void from_json(const nlohmann::json &J, ToolFact &F);
void to_json(nlohmann::json &J, const TranslationUnitFacts &F);
void from_json(const nlohmann::json &J, TranslationUnitFacts &F);

} // namespace mcp_cutover
