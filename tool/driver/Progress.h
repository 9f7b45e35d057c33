//===- Progress.h - Units done, on stderr ---------------------------------===//
//
// A run over a large database takes minutes; on a terminal the user sees
// which unit finished and how long the rest will take, rewritten on one
// line. In a CI log that line would be noise: there (and on a terminal
// too, once done) one summary line says what was analysed and how long it
// took. --quiet turns both off.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "checks/Finding.h"

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace mcp_cutover {

class Progress {
public:
  /// `Live`: rewrite a progress line after each unit (stderr is a
  /// terminal). `Enabled`: false for --quiet, which prints nothing.
  Progress(std::FILE *Stream, bool Live, bool Enabled);

  /// More units are planned (the standalone headers come after the TUs).
  void addUnits(size_t Count) { Total += Count; }
  /// One unit is done; called under the driver's progress lock.
  void unitDone(const std::string &File);
  /// Clears the live line and prints "mcp-cutover: analysed N translation
  /// units in S s (J jobs)"; `Extra` is appended when not empty.
  void finish(const std::string &Extra);

  /// "1:05" for 65 seconds: the live line's clock.
  static std::string clock(double Seconds);

private:
  std::FILE *Stream;
  bool Live;
  bool Enabled;
  size_t Total = 0;
  size_t Done = 0;
  bool LineShown = false;
  std::chrono::steady_clock::time_point Start;
};

} // namespace mcp_cutover
