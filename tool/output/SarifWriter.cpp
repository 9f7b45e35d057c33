#include "tool/files/SourceCache.h"
#include "tool/output/Writers.h"

#include <algorithm>
#include <map>

#include "llvm/Support/Path.h"

namespace mcp_cutover {

const char *const ToolInformationUri =
    "https://github.com/mcp-cutover/mcp-cutover";

namespace {
using nlohmann::ordered_json;

/// SARIF counts columns in Unicode code points; clang counts bytes.
unsigned codePointColumn(const std::string &Line, unsigned ByteColumn) {
  unsigned Column = 1;
  for (unsigned I = 0; I + 1 < ByteColumn && I < Line.size(); ++I)
    if ((static_cast<unsigned char>(Line[I]) & 0xC0) != 0x80)
      ++Column;
  if (ByteColumn > Line.size() + 1)
    Column += ByteColumn - (Line.size() + 1);
  return Column;
}

class LocationBuilder {
public:
  explicit LocationBuilder(const ProjectResult &R) : Result(R) {}

  ordered_json physical(const SourceSpan &S) {
    // A probe's finding: the URL that answered, no region.
    if (S.line == 0)
      return {{"artifactLocation", {{"uri", S.file}}}};
    bool Absolute = llvm::sys::path::is_absolute(S.file);
    std::string Abs = Result.absolutePath(S.file);
    ordered_json Artifact = {{"uri", Absolute ? "file://" + S.file : S.file}};
    if (!Absolute)
      Artifact["uriBaseId"] = "%SRCROOT%";
    const std::string &Start = Sources.line(Abs, S.line);
    const std::string &End = Sources.line(Abs, S.endLine);
    ordered_json Region = {{"startLine", S.line},
                           {"startColumn", codePointColumn(Start, S.column)},
                           {"endLine", S.endLine},
                           {"endColumn", codePointColumn(End, S.endColumn)}};
    if (!Start.empty())
      Region["snippet"] = {{"text", Start}};
    return {{"artifactLocation", Artifact}, {"region", Region}};
  }

  /// physical() with the whole lines around the span as contextRegion, so a
  /// viewer (code scanning's alert page, a reviewer without the checkout)
  /// shows the code the result sits in.
  ordered_json withContext(const SourceSpan &S) {
    ordered_json Location = physical(S);
    std::string Abs = Result.absolutePath(S.file);
    unsigned Lines = Sources.lineCount(Abs);
    if (S.line == 0 || S.endLine > Lines)
      return Location;
    unsigned First = S.line > ContextLines ? S.line - ContextLines : 1;
    unsigned Last = std::min(S.endLine + ContextLines, Lines);
    // SARIF wants the context a proper superset of the region: a one-line
    // file has none.
    if (First == S.line && Last == S.endLine)
      return Location;
    std::string Snippet;
    for (unsigned L = First; L <= Last; ++L)
      Snippet += Sources.line(Abs, L) + "\n";
    Location["contextRegion"] = {{"startLine", First},
                                 {"endLine", Last},
                                 {"snippet", {{"text", Snippet}}}};
    return Location;
  }

private:
  /// Lines shown above and below a result.
  static constexpr unsigned ContextLines = 2;
  const ProjectResult &Result;
  SourceCache Sources;
};

const char *sarifLevel(Level L) { return levelName(L); }
} // namespace

std::string renderSarif(const ProjectResult &Result, const RuleCatalog &Catalog,
                        const SarifOptions &Options) {
  ordered_json Rules = ordered_json::array();
  for (const Rule &R : Catalog.rules()) {
    std::string Markdown = "**" + R.summary + "**\n\n" + R.description +
                           "\n\n**How to fix.** " + R.help + "\n\n**Spec:** ";
    for (size_t I = 0; I < R.spec.size(); ++I)
      Markdown += (I ? "; " : "") + R.spec[I];
    ordered_json Tags = {"mcp-" + Catalog.specVersion(),
                         "week-" + std::to_string(R.week)};
    for (const std::string &T : R.tags)
      Tags.push_back(T);
    Rules.push_back({{"id", R.id},
                     {"name", R.name},
                     {"shortDescription", {{"text", R.summary}}},
                     {"fullDescription", {{"text", R.description}}},
                     {"help", {{"text", R.help}, {"markdown", Markdown}}},
                     {"helpUri", std::string(ToolInformationUri) +
                                     "/blob/main/docs/rules/" + R.id + ".md"},
                     {"defaultConfiguration", {{"level", sarifLevel(R.level)}}},
                     {"properties",
                      {{"tags", Tags},
                       {"week", R.week},
                       {"weekTitle", Catalog.weekTitle(R.week)},
                       {"spec", R.spec}}}});
  }

  LocationBuilder Locations(Result);
  ordered_json Results = ordered_json::array();
  auto ResultOf = [&](const Finding &F) {
    ordered_json J = {
        {"ruleId", F.ruleId},
        {"ruleIndex", Catalog.indexOf(F.ruleId)},
        {"level", sarifLevel(F.level)},
        {"message", {{"text", F.message}}},
        {"locations",
         ordered_json::array(
             {{{"physicalLocation", Locations.withContext(F.span)}}})}};
    if (!F.related.empty()) {
      ordered_json Related = ordered_json::array();
      int Id = 1;
      for (const RelatedLocation &R : F.related)
        Related.push_back({{"id", Id++},
                           {"physicalLocation", Locations.physical(R.span)},
                           {"message", {{"text", R.message}}}});
      J["relatedLocations"] = Related;
    }
    if (!F.fixes.empty()) {
      // One fix, one artifactChange per file, replacements in file order.
      std::map<std::string, ordered_json> ByFile;
      for (const FixIt &Fix : F.fixes) {
        ordered_json Location = Locations.physical(Fix.span);
        ordered_json Region = Location["region"];
        Region.erase("snippet");
        ordered_json &Change = ByFile[Fix.span.file];
        if (Change.is_null())
          Change = {{"artifactLocation", Location["artifactLocation"]},
                    {"replacements", ordered_json::array()}};
        Change["replacements"].push_back(
            {{"deletedRegion", Region},
             {"insertedContent", {{"text", Fix.replacement}}}});
      }
      ordered_json Changes = ordered_json::array();
      for (auto &[File, Change] : ByFile)
        Changes.push_back(std::move(Change));
      // The tier and why, as the rule's doc page says it.
      const Rule *R = Catalog.find(F.ruleId);
      std::string Description =
          "Suggested by " + F.ruleId + "; tier " +
          (R && !R->fixNote.empty() ? R->fixNote
                                    : std::string(fixTierName(F.fixTier)));
      J["fixes"] = ordered_json::array(
          {{{"description", {{"text", Description}}},
            {"artifactChanges", Changes},
            {"properties", {{"mcpCutover/fixTier", fixTierName(F.fixTier)}}}}});
    }
    J["partialFingerprints"] = {{"mcpCutover/v1", F.fingerprint}};
    if (!F.baselineState.empty())
      J["baselineState"] = F.baselineState;
    if (F.suppression) {
      ordered_json S = {{"kind", "inSource"},
                        {"location",
                         {{"physicalLocation",
                           Locations.physical(F.suppression->directive)}}}};
      if (!F.suppression->justification.empty())
        S["justification"] = F.suppression->justification;
      J["suppressions"] = ordered_json::array({S});
    }
    return J;
  };
  for (const Finding &F : Result.findings)
    Results.push_back(ResultOf(F));
  // Accepted in the source: still results, so code scanning shows them as
  // suppressed and a baseline keeps knowing them.
  for (const Finding &F : Result.suppressed)
    Results.push_back(ResultOf(F));

  ordered_json Notifications = ordered_json::array();
  for (const UnitSummary &U : Result.units) {
    if (U.status == UnitStatus::Complete)
      continue;
    std::string Text =
        (U.status == UnitStatus::Incomplete
             ? "translation unit parsed with errors; findings in it may be "
               "incomplete: "
             : "translation unit not analysed: ") +
        U.firstError +
        (U.standaloneHeader ? " (a header no translation unit includes, "
                              "analysed on its own)"
                            : "");
    bool Absolute = llvm::sys::path::is_absolute(U.file);
    ordered_json Artifact = {{"uri", Absolute ? "file://" + U.file : U.file}};
    if (!Absolute)
      Artifact["uriBaseId"] = "%SRCROOT%";
    Notifications.push_back(
        {{"level", U.status == UnitStatus::Failed ? "error" : "warning"},
         {"message", {{"text", Text}}},
         {"locations",
          ordered_json::array(
              {{{"physicalLocation", {{"artifactLocation", Artifact}}}}})}});
  }
  for (const SuppressionProblem &P : Result.suppressionProblems)
    Notifications.push_back(
        {{"level", sarifLevel(P.level)},
         {"message", {{"text", P.message}}},
         {"locations", ordered_json::array({{{"physicalLocation",
                                              Locations.physical(P.span)}}})}});
  ordered_json Invocation = {
      {"executionSuccessful", Result.allUnitsComplete()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = Notifications;

  ordered_json Run = {{"tool",
                       {{"driver",
                         {{"name", "mcp-cutover"},
                          {"version", MCP_CUTOVER_VERSION},
                          {"semanticVersion", MCP_CUTOVER_VERSION},
                          {"informationUri", ToolInformationUri},
                          {"rules", Rules}}}}},
                      {"invocations", ordered_json::array({Invocation})}};
  if (Options.provenance) {
    ordered_json Details = {
        {"repositoryUri", Options.provenance->repositoryUri},
        {"revisionId", Options.provenance->revisionId}};
    if (!Options.provenance->branch.empty())
      Details["branch"] = Options.provenance->branch;
    Details["mappedTo"] = {{"uriBaseId", "%SRCROOT%"}};
    Run["versionControlProvenance"] = ordered_json::array({Details});
  }
  Run["originalUriBaseIds"] = {
      {"%SRCROOT%", {{"uri", "file://" + Result.root + "/"}}}};
  Run["columnKind"] = "unicodeCodePoints";
  Run["results"] = Results;
  if (!Options.category.empty())
    Run["automationDetails"] = {{"id", Options.category}};
  ordered_json Doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({Run})}};
  // Input text that is not UTF-8 is replaced, never a throw (JsonWriter).
  return Doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

} // namespace mcp_cutover
