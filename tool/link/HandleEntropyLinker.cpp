#include "tool/link/HandleEntropyLinker.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>

namespace mcp_cutover {

namespace {
/// Everything a source's value reaches, with the number of flow edges
/// followed to get there.
using Reach = std::map<std::string, unsigned>;
constexpr unsigned Unreached = ~0u;

/// How near the value comes to any of `Labels`.
unsigned distance(const std::vector<std::string> &Labels, const Reach &R) {
  unsigned Best = Unreached;
  for (const std::string &L : Labels)
    if (auto It = R.find(L); It != R.end())
      Best = std::min(Best, It->second);
  return Best;
}

/// A key from somewhere the minted value does not reach: request input.
bool comesFromElsewhere(const std::vector<std::string> &Labels,
                        const Reach &R) {
  return std::any_of(Labels.begin(), Labels.end(), [&](const std::string &L) {
    return !R.count(L) && L.rfind("src:", 0) != 0;
  });
}

std::string describeSink(const IdSinkFact &Sink) {
  if (Sink.kind == "header")
    return "the '" + Sink.detail + "' header";
  if (Sink.kind == "sse-id")
    return "an SSE event id";
  if (Sink.kind == "url")
    return "an endpoint URL ('" + Sink.detail + "')";
  return "the JSON member '" + Sink.detail + "'";
}

/// Every fact of every unit, indexed for following one source.
struct FlowGraph {
  std::map<std::string, std::vector<std::string>> next;
  std::vector<const WeakSourceFact *> sources;
  std::vector<const IdSinkFact *> sinks;
  std::map<std::string, std::vector<const IdKeyFact *>> lookups;
  std::vector<const IdKeyFact *> stores;
  std::set<std::string> headersRead;
  std::map<std::string, std::string> handlers; ///< Function id -> "tool 'x'".

  explicit FlowGraph(const std::vector<TranslationUnitFacts> &Units) {
    std::set<std::string> Seen;
    for (const TranslationUnitFacts &U : Units) {
      for (const IdFlowEdge &E : U.idFlow.edges)
        for (const std::string &From : E.from)
          next[From].push_back(E.to);
      for (const WeakSourceFact &S : U.idFlow.sources)
        if (Seen.insert(S.label).second)
          sources.push_back(&S);
      for (const IdSinkFact &S : U.idFlow.sinks)
        sinks.push_back(&S);
      for (const IdKeyFact &K : U.idFlow.keys)
        (K.store ? stores.push_back(&K) : lookups[K.container].push_back(&K));
      headersRead.insert(U.idFlow.headersRead.begin(),
                         U.idFlow.headersRead.end());
      for (const ToolFact &T : U.tools)
        if (!T.handler.empty() && !T.name.empty())
          handlers.emplace(T.handler, T.kind + " '" + T.name + "'");
    }
    auto BySite = [](const auto *A, const auto *B) {
      return A->site < B->site;
    };
    std::sort(sources.begin(), sources.end(), BySite);
    std::sort(sinks.begin(), sinks.end(), BySite);
    std::sort(stores.begin(), stores.end(), BySite);
    for (auto &[Container, Keys] : lookups)
      std::sort(Keys.begin(), Keys.end(), BySite);
  }

  Reach reach(const std::string &Start) const {
    Reach R{{Start, 0}};
    std::deque<std::string> Work{Start};
    while (!Work.empty()) {
      std::string From = std::move(Work.front());
      Work.pop_front();
      auto It = next.find(From);
      if (It == next.end())
        continue;
      unsigned Next = R[From] + 1;
      for (const std::string &To : It->second)
        if (R.emplace(To, Next).second)
          Work.push_back(To);
    }
    return R;
  }
};

/// One side of the flow: where it is seen and what it says.
struct Evidence {
  std::string text;
  std::optional<SourceSpan> site;
  bool weak = false; ///< A JSON member: a log or a status dump as often.
  unsigned distance = Unreached; ///< Flow edges from the source.
};

/// The nearer of two pieces of evidence; the first of equals.
void keepNearest(std::optional<Evidence> &Best, Evidence Candidate) {
  if (!Best || Candidate.distance < Best->distance)
    Best = std::move(Candidate);
}

/// How the id leaves toward a client: the way out nearest the source,
/// preferring, when no way back is known yet, one whose way back is seen
/// through it (a header read back, an SSE id resumed from).
std::optional<Evidence> wayOut(const FlowGraph &G, const WeakSourceFact &S,
                               const Reach &R, std::optional<Evidence> &Back) {
  std::optional<Evidence> Nearest, Returning, ReturningBack;
  for (const IdSinkFact *Sink : G.sinks) {
    unsigned D = distance(Sink->labels, R);
    // A request id in a JSON-RPC message's "id" is numbering, not a handle.
    if (D == Unreached ||
        (Sink->kind == "json" && Sink->detail == "id" && S.requestNumbering))
      continue;
    Evidence Out{describeSink(*Sink), Sink->site, Sink->kind == "json", D};
    std::optional<Evidence> Through;
    if (Sink->kind == "header" &&
        G.headersRead.count(llvm::StringRef(Sink->detail).lower()))
      Through = Evidence{"in the '" + Sink->detail + "' request header", {}};
    if (Sink->kind == "sse-id" && G.headersRead.count("last-event-id"))
      Through = Evidence{"in the Last-Event-ID request header", {}};
    if (Through && (!Returning || D < Returning->distance)) {
      Returning = Out;
      ReturningBack = Through;
    }
    keepNearest(Nearest, std::move(Out));
  }
  for (const auto &[Handler, Tool] : G.handlers)
    if (auto It = R.find(Handler); It != R.end())
      keepNearest(Nearest,
                  Evidence{"the result of " + Tool, {}, false, It->second});
  if (!Back && Returning) {
    Back = ReturningBack;
    return Returning;
  }
  return Nearest;
}

/// How the id comes back, nearest the source first: looked up by a key
/// from elsewhere in a container it was stored in as a key, or a stored id
/// compared with another value.
std::optional<Evidence> wayBack(const FlowGraph &G, const Reach &R) {
  std::optional<Evidence> Best;
  for (const IdKeyFact *Store : G.stores) {
    unsigned D = distance(Store->labels, R);
    auto It = G.lookups.find(Store->container);
    if (D == Unreached || It == G.lookups.end())
      continue;
    for (const IdKeyFact *Lookup : It->second)
      if (!Lookup->comparison && comesFromElsewhere(Lookup->labels, R)) {
        keepNearest(Best, {"as a key of '" + Store->containerName + "'",
                           Lookup->site, false, D});
        break;
      }
  }
  for (const auto &[Entity, Lookups] : G.lookups) {
    auto It = R.find(Entity);
    if (It == R.end())
      continue;
    for (const IdKeyFact *Lookup : Lookups)
      if (Lookup->comparison && comesFromElsewhere(Lookup->labels, R)) {
        keepNearest(Best,
                    {"compared with the stored '" + Lookup->containerName + "'",
                     Lookup->site, false, It->second});
        break;
      }
  }
  return Best;
}

constexpr const char *Advice =
    "a guessable handle lets one client reach another's state; use at least "
    "128 bits from a cryptographically secure generator (getrandom, "
    "RAND_bytes)";
} // namespace

std::set<std::string>
linkHandleEntropy(const std::vector<TranslationUnitFacts> &Units, bool Report,
                  std::vector<Finding> &Out) {
  FlowGraph G(Units);
  // Counters some value drawn from is seen leaving or coming back.
  std::set<std::string> Counters, Escaping;
  struct Verdict {
    const WeakSourceFact *source;
    std::optional<Evidence> leave, back;
  };
  std::vector<Verdict> Verdicts;
  // Different sources of one function whose ids go to the same places mint
  // one id together ("conn_" + time + rand): the first is reported. The
  // same counter drawn from twice mints two.
  std::map<std::pair<std::string, std::vector<std::string>>,
           std::set<std::string>>
      Minted;
  // A function that mints a handle seen both ways also stamps times and
  // numbers that go elsewhere: no note for those.
  std::set<std::string> Proven;
  for (const WeakSourceFact *S : G.sources) {
    Reach R = G.reach(S->label);
    std::optional<Evidence> Back = wayBack(G, R);
    std::optional<Evidence> Leave = wayOut(G, *S, R, Back);
    if (!S->counter.empty()) {
      Counters.insert(S->counter);
      if (Leave || Back)
        Escaping.insert(S->counter);
    }
    if (!Report)
      continue;
    // A note needs a handle's name, a way back or a way out stronger than
    // a JSON member, and no request numbering.
    bool Note = S->namedHandle && !S->requestNumbering &&
                (Back || (Leave && !Leave->weak));
    // A header, an SSE event id or a URL parameter names what it carries.
    bool Named = S->namedId || (Leave && Leave->site && !Leave->weak);
    if (!Named || (!(Leave && Back) && !Note))
      continue;
    std::vector<std::string> Where;
    for (const auto &[L, D] : R)
      if (L != S->label)
        Where.push_back(L);
    std::set<std::string> &Kinds = Minted[{S->function, Where}];
    if (!Kinds.empty() && !Kinds.count(S->what))
      continue;
    Kinds.insert(S->what);
    if (Leave && Back)
      Proven.insert(S->function);
    Verdicts.push_back({S, std::move(Leave), std::move(Back)});
  }
  for (Verdict &V : Verdicts) {
    const WeakSourceFact &S = *V.source;
    bool Both = V.leave && V.back;
    if (!Both && Proven.count(S.function))
      continue;
    Finding F;
    F.ruleId = "handle-weak-entropy";
    F.span = S.site;
    F.atMostNote = !Both;
    std::string Mints = S.minter + " mints an id from " + S.what;
    if (Both)
      F.message = Mints + " that reaches the client in " + V.leave->text +
                  " and comes back " + V.back->text + ": " + Advice;
    else if (V.leave)
      F.message = Mints + " that reaches the client in " + V.leave->text +
                  "; no lookup by it was seen: if clients send it back, " +
                  Advice;
    else
      F.message = Mints + " that comes back " + V.back->text +
                  "; how clients learn it was not seen: if they do, " + Advice;
    if (V.leave && V.leave->site)
      F.related.push_back({*V.leave->site, "the id leaves here"});
    if (V.back && V.back->site)
      F.related.push_back({*V.back->site, "the id comes back here"});
    Out.push_back(std::move(F));
  }
  std::set<std::string> Read;
  for (const TranslationUnitFacts &U : Units)
    Read.insert(U.idFlow.counterReads.begin(), U.idFlow.counterReads.end());
  std::set<std::string> Local;
  for (const std::string &C : Counters)
    if (!Read.count(C) && !Escaping.count(C))
      Local.insert(C);
  return Local;
}

} // namespace mcp_cutover
