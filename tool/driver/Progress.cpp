#include "tool/driver/Progress.h"

#include "llvm/Support/Path.h"

#include <cmath>

namespace mcp_cutover {

Progress::Progress(std::FILE *Stream, bool Live, bool Enabled)
    : Stream(Stream), Live(Live && Enabled), Enabled(Enabled),
      Start(std::chrono::steady_clock::now()) {}

std::string Progress::clock(double Seconds) {
  long S = Seconds < 0 ? 0 : std::lround(Seconds);
  std::string Sec = std::to_string(S % 60);
  return std::to_string(S / 60) + ":" + (Sec.size() == 1 ? "0" : "") + Sec;
}

void Progress::unitDone(const std::string &File) {
  ++Done;
  if (!Live)
    return;
  double Elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  // The units left at the average pace so far: rough, and said so.
  double Left = Done < Total ? Elapsed / static_cast<double>(Done) *
                                   static_cast<double>(Total - Done)
                             : 0;
  std::string Name = llvm::sys::path::filename(File).str();
  std::fprintf(Stream, "\r\x1b[K[%zu/%zu] %s  %s elapsed, ~%s left", Done,
               Total, Name.c_str(), clock(Elapsed).c_str(),
               clock(Left).c_str());
  std::fflush(Stream);
  LineShown = true;
}

void Progress::finish(const std::string &Extra) {
  if (!Enabled)
    return;
  if (LineShown)
    std::fputs("\r\x1b[K", Stream);
  LineShown = false;
  double Elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  std::fprintf(Stream,
               "mcp-cutover: analysed %zu translation unit%s in %.1f s%s%s\n",
               Done, Done == 1 ? "" : "s", Elapsed, Extra.empty() ? "" : "; ",
               Extra.c_str());
}

} // namespace mcp_cutover
