#include "checks/gateway/McpRoutes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <iterator>

namespace mcp_cutover {

bool namesMcp(const std::string &Word) {
  std::string Lower = llvm::StringRef(Word).lower();
  auto Upper = [&](size_t I) {
    return I < Word.size() && llvm::isUpper(Word[I]);
  };
  auto LowerAt = [&](size_t I) {
    return I < Word.size() && llvm::isLower(Word[I]);
  };
  for (size_t At = Lower.find("mcp"); At != std::string::npos;
       At = Lower.find("mcp", At + 1)) {
    // Words are split by punctuation or by case: `McpTargetGroup`,
    // `awsMcp`, `MCPServer`.
    bool Before = At == 0 || !llvm::isAlnum(Lower[At - 1]) ||
                  (Upper(At) && LowerAt(At - 1));
    size_t End = At + 3;
    bool After = End >= Lower.size() || !llvm::isAlpha(Lower[End]) ||
                 (LowerAt(At + 2) && Upper(End)) ||
                 (Upper(At + 2) && Upper(End) && LowerAt(End + 1));
    if (Before && After)
      return true;
  }
  return false;
}

std::string upstreamOf(llvm::StringRef Target) {
  if (size_t Scheme = Target.find("://"); Scheme != llvm::StringRef::npos)
    Target = Target.drop_front(Scheme + 3);
  return Target.take_until([](char C) { return C == '/' || C == ':'; }).str();
}

namespace {

void declaredUpstreams(const std::vector<ProxyDirective> &Directives,
                       std::set<std::string> &Out) {
  for (const ProxyDirective &D : Directives) {
    if (D.name() == "upstream" && D.words.size() > 1)
      Out.insert(D.words[1].text);
    declaredUpstreams(D.children, Out);
  }
}

void collectNginx(const std::vector<ProxyDirective> &Directives,
                  bool InMcpLocation, std::set<std::string> &Out) {
  for (const ProxyDirective &D : Directives) {
    const std::string &Name = D.name();
    if (Name == "upstream" && D.words.size() > 1 && namesMcp(D.words[1].text))
      Out.insert(D.words[1].text);
    bool Mcp = InMcpLocation;
    if (Name == "location")
      for (size_t I = 1; I < D.words.size(); ++I)
        Mcp |= namesMcp(D.words[I].text);
    if ((Name == "proxy_pass" || Name == "grpc_pass" || Name == "uwsgi_pass" ||
         Name == "fastcgi_pass") &&
        D.words.size() > 1 && InMcpLocation)
      Out.insert(upstreamOf(D.words[1].text));
    collectNginx(D.children, Mcp, Out);
  }
}

void collectHaproxy(const ProxyConfig &File, std::set<std::string> &Out) {
  for (const ProxyDirective &Section : File.directives) {
    if ((Section.name() == "backend" || Section.name() == "listen") &&
        Section.words.size() > 1 && namesMcp(Section.words[1].text))
      Out.insert(Section.words[1].text);
    // use_backend api if is_mcp; use_backend api if { path_beg /mcp }
    for (const ProxyDirective &D : Section.children) {
      if ((D.name() != "use_backend" && D.name() != "default_backend") ||
          D.words.size() < 2)
        continue;
      bool Mcp = Section.words.size() > 1 && namesMcp(Section.words[1].text);
      for (size_t I = 2; I < D.words.size(); ++I)
        Mcp |= namesMcp(D.words[I].text);
      if (Mcp)
        Out.insert(D.words[1].text);
    }
  }
}

} // namespace

std::set<std::string> mcpUpstreams(const ProxyConfig &File) {
  std::set<std::string> Out;
  if (File.kind == ProxyKind::Nginx) {
    std::set<std::string> Routed, Declared;
    collectNginx(File.directives, false, Routed);
    declaredUpstreams(File.directives, Declared);
    std::set_intersection(Routed.begin(), Routed.end(), Declared.begin(),
                          Declared.end(), std::inserter(Out, Out.end()));
  } else if (File.kind == ProxyKind::Haproxy) {
    collectHaproxy(File, Out);
  }
  return Out;
}

std::string EntryDocument::describe() const {
  if (kind.empty())
    return "this configuration";
  return kind + (name.empty() ? std::string() : " '" + name + "'");
}

std::map<unsigned, EntryDocument> entryDocuments(const ProxyConfig &File) {
  std::map<unsigned, EntryDocument> Docs;
  // Terraform: `TYPE.NAME` of each top-level block, and the documents whose
  // values mention another block's address.
  std::map<std::string, unsigned> Address;
  for (const ConfigEntry &E : File.entries) {
    EntryDocument &D = Docs[E.document];
    if (E.path.empty() && E.key == "kind")
      D.kind = E.value;
    if (E.path.size() == 1 && E.path[0] == "metadata" && E.key == "name")
      D.name = E.value;
    if (E.path.empty() && !E.labels.empty()) {
      D.kind = E.labels[0];
      D.name = E.labels.size() > 1 ? E.labels[1] : "";
      Address[D.kind + "." + D.name] = E.document;
    }
    D.mcp |= llvm::any_of(E.labels, namesMcp) || namesMcp(E.key) ||
             namesSessionHeader(E.key) ||
             (E.scalar && (namesMcp(E.value) || namesSessionHeader(E.value)));
  }
  if (File.kind != ProxyKind::Hcl)
    return Docs;
  // One pass over each value's references, not one per block: a file of
  // thousands of blocks stays linear.
  auto Identifier = [](char C) {
    return llvm::isAlnum(C) || C == '_' || C == '-';
  };
  for (const ConfigEntry &E : File.entries) {
    if (!E.scalar || !Docs[E.document].mcp)
      continue;
    llvm::StringRef V(E.value);
    // `TYPE.NAME.` at the start of each identifier
    // (`aws_lb_target_group.api.arn`, `data.aws_lb.api.arn`).
    for (size_t I = 0; I < V.size(); ++I) {
      if (!Identifier(V[I]) || (I > 0 && Identifier(V[I - 1])))
        continue;
      size_t Dot = I;
      while (Dot < V.size() && Identifier(V[Dot]))
        ++Dot;
      size_t End = Dot + 1;
      while (End < V.size() && Identifier(V[End]))
        ++End;
      if (Dot >= V.size() || V[Dot] != '.' || End == Dot + 1 ||
          End >= V.size() || V[End] != '.')
        continue;
      if (auto It = Address.find(V.slice(I, End).str()); It != Address.end())
        Docs[It->second].mcp = true;
    }
  }
  return Docs;
}

} // namespace mcp_cutover
