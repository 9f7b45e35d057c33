#include "checks/gateway/McpRoutes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace mcp_cutover {

bool namesMcp(const std::string &Word) {
  std::string Lower = llvm::StringRef(Word).lower();
  for (size_t At = Lower.find("mcp"); At != std::string::npos;
       At = Lower.find("mcp", At + 1)) {
    bool Before = At == 0 || !llvm::isAlnum(Lower[At - 1]);
    bool After = At + 3 >= Lower.size() || !llvm::isAlpha(Lower[At + 3]);
    if (Before && After)
      return true;
  }
  return false;
}

namespace {

/// `http://name`, `https://name:8080/path`, `name` -> `name`.
std::string upstreamOf(llvm::StringRef Target) {
  if (size_t Scheme = Target.find("://"); Scheme != llvm::StringRef::npos)
    Target = Target.drop_front(Scheme + 3);
  return Target.take_until([](char C) { return C == '/' || C == ':'; }).str();
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
  if (File.kind == ProxyKind::Nginx)
    collectNginx(File.directives, false, Out);
  else if (File.kind == ProxyKind::Haproxy)
    collectHaproxy(File, Out);
  return Out;
}

} // namespace mcp_cutover
