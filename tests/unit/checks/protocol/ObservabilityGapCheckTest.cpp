#include "AnnotatedCode.h"

#include <catch2/catch.hpp>

// Test inputs: their layout is what the annotations assert.
// clang-format off

#define TAIL " to this log statement; behind a round-robin balancer a trace without the method, the handles and the instance together cannot be followed"
#define NEITHER "but neither the handle arguments nor an instance id: add the handle arguments (the *_id values the call takes) and this instance's id (its hostname or pod name)" TAIL
#define NO_INSTANCE "but not the instance id: add this instance's id (its hostname or pod name)" TAIL
#define NO_HANDLE "but not the handle arguments: add the handle arguments (the *_id values the call takes)" TAIL

namespace {
const char *const Prelude = R"cpp(
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
namespace spdlog {
template <typename... Args> void info(const char *fmt, const Args &...args);
struct logger { template <typename... Args> void warn(const char *fmt, const Args &...args); };
} // namespace spdlog
namespace google {
struct LogMessage { LogMessage(const char *file, int line, int severity); std::ostream &stream(); };
} // namespace google
#define LOG(severity) google::LogMessage(__FILE__, __LINE__, 0).stream()
namespace fmt { template <typename... Args> void print(std::FILE *f, const char *fmt, const Args &...args); }
namespace httplib { struct Request { std::string method, path; }; }
struct Logger { void info(const std::string &m); };
struct Request { std::string method; std::string id; };
)cpp";

// A logging library's own request log, in a system header.
const char *const VendorLog = R"cpp(
#pragma once
#include <iostream>
#include <string>
inline void vendor_log(const std::string &method) { std::cerr << method << "\n"; }
)cpp";
} // namespace

TEST_CASE("observability-gap: spdlog, glog, iostream and stderr logs of a "
          "method or tool without the handles or the instance",
          "[observability-gap]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <vendor_log.h>
Logger logger_;
spdlog::logger *audit;
void handle(const Request &rpc, const std::string &tool_name, const std::string &basket_id) {
  spdlog::info("call {}", rpc.method); // expect: 3 observability-gap logs the request's 'method' )cpp" NEITHER R"cpp(
  audit->warn("call {} basket {}", tool_name, basket_id); // expect: 3 observability-gap logs the request's 'tool_name' )cpp" NO_INSTANCE R"cpp(
  LOG(INFO) << "tool " << tool_name << " on " << std::getenv("HOSTNAME"); // expect: 3 observability-gap logs the request's 'tool_name' )cpp" NO_HANDLE R"cpp(
  std::cerr << "call " << rpc.method << std::endl; // expect: 3 observability-gap logs the request's 'method' )cpp" NEITHER R"cpp(
  std::clog << tool_name << " " << basket_id << " " << getpid_like() << "\n"; // expect: 3 observability-gap logs the request's 'tool_name' )cpp" NO_INSTANCE R"cpp(
  fprintf(stderr, "tool %s\n", tool_name.c_str()); // expect: 3 observability-gap logs the request's 'tool_name' )cpp" NEITHER R"cpp(
  fmt::print(stderr, "{} {}", rpc.method, basket_id); // expect: 3 observability-gap logs the request's 'method' )cpp" NO_INSTANCE R"cpp(
  logger_.info("tool " + tool_name); // expect: 3 observability-gap (note) logs the request's 'tool_name' )cpp" NEITHER R"cpp(
  vendor_log(rpc.method);
}
int getpid_like();
)cpp",
                  {{"/virtual/sys/vendor_log.h", VendorLog}});
}

TEST_CASE("observability-gap: complete lines, HTTP verbs, other streams, "
          "request ids, prose and comments are not reported; a template "
          "once",
          "[observability-gap]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <unistd.h>
// std::cerr << method; in a comment.
const char *kDoc = "log the method and the tool name";
void ok(const Request &rpc, const httplib::Request &req, const std::string &cart_id, const std::string &instance_id) {
  std::cerr << rpc.method << " " << cart_id << " " << instance_id << "\n";
  spdlog::info("{} {} {}", rpc.method, cart_id, gethostname(nullptr, 0));
  std::cerr << req.method << " " << req.path << "\n";
  std::cout << rpc.method << "\n";
  std::cerr << "request " << rpc.id << "\n";
  fprintf(stdout, "%s\n", rpc.method.c_str());
}
template <typename T> void traced(const T &rpc) {
  std::cerr << rpc.method << "\n"; // expect: 3 observability-gap logs the request's 'method' )cpp" NEITHER R"cpp(
}
void both(const Request &a, const Request &b) { traced(a); traced(b); }
)cpp");
}

TEST_CASE("observability-gap: an instance id in spdlog's pattern, context or "
          "logger name leaves only the handles to add to spdlog's lines",
          "[observability-gap]") {
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
namespace spdlog { void set_pattern(std::string pattern); }
void setup(const std::string &hostname) { spdlog::set_pattern("[%Y-%m-%d %T] [" + hostname + "] %v"); }
spdlog::logger *audit;
void handle(const Request &rpc, const std::string &tool_name, const std::string &basket_id) {
  spdlog::info("call {}", rpc.method); // expect: 3 observability-gap logs the request's 'method' )cpp" NO_HANDLE R"cpp(
  audit->warn("call {} basket {}", tool_name, basket_id);
  std::cerr << "call " << rpc.method << std::endl; // expect: 3 observability-gap logs the request's 'method' )cpp" NEITHER R"cpp(
}
)cpp");
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
namespace spdlog { namespace mdc { void put(const std::string &key, const std::string &value); } }
namespace spdlog { logger *stdout_color_mt(const std::string &name); void set_pattern(std::string pattern); }
void context(const std::string &pod_name) { spdlog::mdc::put("pod", pod_name); }
void named(const Request &rpc) {
  spdlog::set_pattern("[%Y-%m-%d %T] %v");
  spdlog::stdout_color_mt("cart")->warn("call {}", rpc.method); // expect: 3 observability-gap logs the request's 'method' )cpp" NO_HANDLE R"cpp(
}
)cpp");
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
namespace spdlog { logger *stdout_color_mt(const std::string &name); void set_pattern(std::string pattern); }
void named(const Request &rpc) {
  spdlog::set_pattern("[%Y-%m-%d %T] [%n] %v");
  spdlog::stdout_color_mt("cart")->warn("call {} {}", rpc.method, rpc.id); // expect: 3 observability-gap logs the request's 'method' )cpp" NEITHER R"cpp(
}
)cpp");
  // A pattern put together in a stream first, as a public spdlog setup
  // does.
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <sstream>
namespace spdlog { void set_pattern(std::string pattern); }
void set_spdlog_pattern(const char *hostname, int rank) {
  std::stringstream ss;
  ss << "[%Y-%m-%d %H:%M:%S.%e]";
  ss << " [" << hostname << " r:" << rank << "]";
  spdlog::set_pattern(ss.str().c_str());
}
void handle(const Request &rpc, const std::string &basket_id) {
  spdlog::info("call {} {}", rpc.method, basket_id);
}
)cpp");
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
#include <sstream>
namespace spdlog { void set_pattern(std::string pattern); }
void set_spdlog_pattern(const char *hostname, int rank) {
  std::stringstream ss, other;
  other << hostname;
  ss << "[%Y-%m-%d %H:%M:%S.%e] r:" << rank;
  spdlog::set_pattern(ss.str().c_str());
}
void handle(const Request &rpc, const std::string &basket_id) {
  spdlog::info("call {} {}", rpc.method, basket_id); // expect: 3 observability-gap logs the request's 'method' )cpp" NO_INSTANCE R"cpp(
}
)cpp");
  // A logger's name or a log file's path that reads like a role is no
  // instance id.
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
namespace spdlog { logger *stdout_color_mt(const std::string &name); logger *basic_logger_mt(const std::string &name, const std::string &path); }
void named(const Request &rpc, const std::string &basket_id) {
  spdlog::stdout_color_mt("worker");
  spdlog::basic_logger_mt("app", "/var/log/node.log")->warn("call {} {}", rpc.method, basket_id); // expect: 3 observability-gap logs the request's 'method' )cpp" NO_INSTANCE R"cpp(
}
)cpp");
  CHECK_ANNOTATED(std::string(Prelude) + R"cpp(
namespace spdlog { logger *stdout_color_mt(const std::string &name); }
void named(const Request &rpc, const std::string &basket_id) {
  spdlog::logger *log = spdlog::stdout_color_mt(std::getenv("HOSTNAME"));
  log->warn("call {} {}", rpc.method, basket_id);
}
)cpp");
}
