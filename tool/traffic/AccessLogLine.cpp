#include "tool/traffic/AccessLogLine.h"

#include "llvm/ADT/StringSwitch.h"

#include <cstring>

namespace mcp_cutover {

namespace {

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil): no time zone database, no locale, no allocation.
int64_t daysFromCivil(int64_t Y, unsigned M, unsigned D) {
  Y -= M <= 2;
  const int64_t Era = (Y >= 0 ? Y : Y - 399) / 400;
  const unsigned YearOfEra = static_cast<unsigned>(Y - Era * 400);
  const unsigned DayOfYear = (153 * (M > 2 ? M - 3 : M + 9) + 2) / 5 + D - 1;
  const unsigned DayOfEra =
      YearOfEra * 365 + YearOfEra / 4 - YearOfEra / 100 + DayOfYear;
  return Era * 146097 + static_cast<int64_t>(DayOfEra) - 719468;
}

bool readDigits(std::string_view T, size_t Pos, size_t N, int &Out) {
  if (Pos + N > T.size())
    return false;
  int Value = 0;
  for (size_t I = Pos; I < Pos + N; ++I) {
    if (T[I] < '0' || T[I] > '9')
      return false;
    Value = Value * 10 + (T[I] - '0');
  }
  Out = Value;
  return true;
}

int monthOf(std::string_view Name) {
  static constexpr const char Names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (Name.size() < 3)
    return 0;
  for (size_t I = 0; I < 12; ++I)
    if (std::memcmp(Names + 3 * I, Name.data(), 3) == 0)
      return static_cast<int>(I) + 1;
  return 0;
}

/// At `Pos`: nothing (UTC), "Z", or "+HH", "+HHMM", "+HH:MM".
bool readZone(std::string_view T, size_t Pos, int64_t &Offset) {
  Offset = 0;
  if (Pos < T.size() && T[Pos] == ' ')
    ++Pos;
  if (Pos >= T.size() || T[Pos] == 'Z')
    return true;
  if (T[Pos] != '+' && T[Pos] != '-')
    return false;
  int Hours = 0, Minutes = 0;
  if (!readDigits(T, Pos + 1, 2, Hours))
    return false;
  size_t At = Pos + 3;
  if (At < T.size() && T[At] == ':')
    ++At;
  if (At < T.size() && !readDigits(T, At, 2, Minutes))
    return false;
  Offset = (int64_t{Hours} * 3600 + int64_t{Minutes} * 60) *
           (T[Pos] == '-' ? -1 : 1);
  return true;
}

bool composeTime(int Year, int Month, int Day, int H, int M, int S,
                 int64_t Offset, int64_t &Second) {
  if (Month < 1 || Month > 12 || Day < 1 || Day > 31 || H > 23 || M > 59 ||
      S > 60)
    return false;
  Second = daysFromCivil(Year, unsigned(Month), unsigned(Day)) * 86400 +
           int64_t{H} * 3600 + int64_t{M} * 60 + S - Offset;
  return true;
}

size_t skipFraction(std::string_view T, size_t Pos) {
  if (Pos < T.size() && (T[Pos] == '.' || T[Pos] == ',')) {
    ++Pos;
    while (Pos < T.size() && T[Pos] >= '0' && T[Pos] <= '9')
      ++Pos;
  }
  return Pos;
}

/// "POST /mcp HTTP/1.1" into its verb and path.
void splitRequest(std::string_view Request, AccessLogLine &Out) {
  size_t Space = Request.find(' ');
  Out.verb = Request.substr(0, Space);
  if (Space == std::string_view::npos)
    return;
  std::string_view Rest = Request.substr(Space + 1);
  Out.path = Rest.substr(0, Rest.find(' '));
  Out.logged |= FieldPath;
}

bool isHttpVerb(std::string_view V) {
  if (V.empty() || V.size() > 10)
    return false;
  for (char C : V)
    if (C < 'A' || C > 'Z')
      return false;
  return true;
}

/// The field a key names: "mcp_session_id", "Mcp-Session-Id" and
/// "http_mcp_session_id" alike (case and '-' against '_' ignored).
enum class Key {
  None,
  Time,
  Status,
  Request,
  Method,
  Path,
  UserAgent,
  Session,
  McpMethod,
  McpName,
  Version,
  Upstream,
  Client,
  RpcMethod
};

Key keyOf(std::string_view Raw) {
  char Buffer[40];
  if (Raw.size() > sizeof Buffer)
    return Key::None;
  for (size_t I = 0; I < Raw.size(); ++I) {
    char C = Raw[I];
    Buffer[I] = C == '-' ? '_' : (C >= 'A' && C <= 'Z') ? char(C + 32) : C;
  }
  llvm::StringRef K(Buffer, Raw.size());
  if (K.starts_with("http_"))
    K = K.drop_front(5);
  return llvm::StringSwitch<Key>(K)
      .Cases("time", "time_iso8601", "timestamp", "@timestamp", "start_time",
             Key::Time)
      .Cases("ts", "time_local", "date", "datetime", Key::Time)
      .Cases("status", "response_code", "status_code", "response_status",
             Key::Status)
      .Case("request", Key::Request)
      .Cases("method", "request_method", "verb", Key::Method)
      .Cases("path", "uri", "request_uri", "url", "request_path", Key::Path)
      .Cases("user_agent", "ua", "useragent", "agent", Key::UserAgent)
      .Cases("mcp_session_id", "mcp_session", "session_id", Key::Session)
      .Case("mcp_method", Key::McpMethod)
      .Case("mcp_name", Key::McpName)
      .Cases("mcp_protocol_version", "mcp_version", "protocol_version",
             Key::Version)
      .Cases("upstream", "upstream_addr", "upstream_host", "upstream_server",
             "instance", Key::Upstream)
      .Cases("mcp_client", "client_info", "client_name", "clientinfo",
             Key::Client)
      .Cases("rpc_method", "jsonrpc_method", "mcp_rpc_method", Key::RpcMethod)
      .Default(Key::None);
}

/// The fields that are text as logged: where each goes, and its bit.
struct TextField {
  Key key;
  std::string_view AccessLogLine::*member;
  LogField bit;
};
constexpr TextField TextFields[] = {
    {Key::Path, &AccessLogLine::path, FieldPath},
    {Key::UserAgent, &AccessLogLine::userAgent, FieldUserAgent},
    {Key::Session, &AccessLogLine::sessionId, FieldSessionId},
    {Key::McpMethod, &AccessLogLine::mcpMethod, FieldMcpMethod},
    {Key::McpName, &AccessLogLine::mcpName, FieldMcpName},
    {Key::Version, &AccessLogLine::protocolVersion, FieldProtocolVersion},
    {Key::Upstream, &AccessLogLine::upstream, FieldUpstream},
    {Key::Client, &AccessLogLine::clientInfo, FieldClientInfo},
    {Key::RpcMethod, &AccessLogLine::rpcMethod, FieldRpcMethod}};

void setText(AccessLogLine &Out, Key K, std::string_view Value) {
  for (const TextField &F : TextFields)
    if (F.key == K) {
      Out.*F.member = Value;
      Out.logged |= F.bit;
      return;
    }
}

/// Puts `Value` where `K` says. A time that does not read leaves the
/// time unset (the line is then malformed).
void assign(Key K, std::string_view Value, bool Number, AccessLogLine &Out) {
  switch (K) {
  case Key::None:
    return;
  case Key::Time:
    if (parseLogTime(Value, Out.second))
      Out.logged |= FieldTime;
    return;
  case Key::Status: {
    int Status = 0;
    if (Value.size() == 3 && readDigits(Value, 0, 3, Status)) {
      Out.status = Status;
      Out.logged |= FieldStatus;
    }
    return;
  }
  case Key::Request:
    splitRequest(Value, Out);
    return;
  case Key::Method:
    // An HTTP verb, or a JSON-RPC method logged under that name.
    if (isHttpVerb(Value))
      Out.verb = Value;
    else if (!Number)
      setText(Out, Key::RpcMethod, Value);
    return;
  default:
    setText(Out, K, Value);
    return;
  }
}

/// A JSON string's contents from `Pos` (just after the opening quote) to
/// its closing quote; `Pos` ends after it. False when it never closes.
bool readJsonString(std::string_view L, size_t &Pos, std::string_view &Out,
                    bool &Escaped) {
  size_t Start = Pos;
  while (true) {
    const void *Hit = std::memchr(L.data() + Pos, '"', L.size() - Pos);
    if (!Hit)
      return false;
    size_t Quote = static_cast<const char *>(Hit) - L.data();
    // Escaped when an odd number of backslashes precede it.
    size_t Slashes = 0;
    while (Quote - Slashes > Start && L[Quote - Slashes - 1] == '\\')
      ++Slashes;
    if (Slashes % 2 == 0) {
      Out = L.substr(Start, Quote - Start);
      Escaped |= Out.find('\\') != std::string_view::npos;
      Pos = Quote + 1;
      return true;
    }
    Pos = Quote + 1;
  }
}

void skipSpace(std::string_view L, size_t &Pos) {
  while (Pos < L.size() &&
         (L[Pos] == ' ' || L[Pos] == '\t' || L[Pos] == '\r' || L[Pos] == '\n'))
    ++Pos;
}

/// Skips a nested object or array at `Pos`; false when it never closes.
bool skipNested(std::string_view L, size_t &Pos) {
  int Depth = 0;
  bool Ignored = false;
  std::string_view Unused;
  while (Pos < L.size()) {
    char C = L[Pos++];
    if (C == '"') {
      if (!readJsonString(L, Pos, Unused, Ignored))
        return false;
    } else if (C == '{' || C == '[') {
      ++Depth;
    } else if (C == '}' || C == ']') {
      if (--Depth == 0)
        return true;
    }
  }
  return false;
}

/// A flat JSON object: the members this reader knows, by name; nested
/// values are skipped whole.
bool parseJsonLine(std::string_view L, AccessLogLine &Out) {
  Out.format = LogFormat::Json;
  size_t Pos = L.find('{') + 1;
  while (true) {
    skipSpace(L, Pos);
    if (Pos >= L.size())
      return false;
    if (L[Pos] == '}')
      break;
    if (L[Pos] == ',') {
      ++Pos;
      continue;
    }
    if (L[Pos] != '"')
      return false;
    ++Pos;
    std::string_view Name, Value;
    bool KeyEscaped = false;
    if (!readJsonString(L, Pos, Name, KeyEscaped))
      return false;
    skipSpace(L, Pos);
    if (Pos >= L.size() || L[Pos] != ':')
      return false;
    ++Pos;
    skipSpace(L, Pos);
    if (Pos >= L.size())
      return false;
    Key K = keyOf(Name);
    char C = L[Pos];
    if (C == '"') {
      ++Pos;
      if (!readJsonString(L, Pos, Value, Out.escaped))
        return false;
      assign(K, Value, false, Out);
    } else if (C == '{' || C == '[') {
      if (!skipNested(L, Pos))
        return false;
    } else {
      size_t Start = Pos;
      while (Pos < L.size() && L[Pos] != ',' && L[Pos] != '}' &&
             L[Pos] != ' ' && L[Pos] != '\t')
        ++Pos;
      Value = L.substr(Start, Pos - Start);
      // null: logged, but the request had none.
      assign(K, Value == "null" ? std::string_view("-") : Value, true, Out);
    }
  }
  return (Out.logged & (FieldTime | FieldStatus)) == (FieldTime | FieldStatus);
}

/// The next space-separated token from `Pos`.
std::string_view token(std::string_view L, size_t &Pos) {
  while (Pos < L.size() && L[Pos] == ' ')
    ++Pos;
  size_t Start = Pos;
  while (Pos < L.size() && L[Pos] != ' ')
    ++Pos;
  return L.substr(Start, Pos - Start);
}

/// A double-quoted field from `Pos` (at the quote); backslash escapes are
/// skipped over (Apache writes \", nginx \x22).
bool quoted(std::string_view L, size_t &Pos, std::string_view &Out) {
  while (Pos < L.size() && L[Pos] == ' ')
    ++Pos;
  if (Pos >= L.size() || L[Pos] != '"')
    return false;
  size_t Start = ++Pos;
  while (Pos < L.size() && L[Pos] != '"')
    Pos += L[Pos] == '\\' ? 2 : 1;
  if (Pos >= L.size())
    return false;
  Out = L.substr(Start, Pos - Start);
  ++Pos;
  return true;
}

/// nginx or Apache: `host ident user [time] "request" status bytes
/// "referer" "agent"`, then `key=value` or `key="value"` extras.
bool parseCombinedLine(std::string_view L, size_t Pos, AccessLogLine &Out) {
  Out.format = LogFormat::Combined;
  token(L, Pos); // ident
  token(L, Pos); // user
  while (Pos < L.size() && L[Pos] == ' ')
    ++Pos;
  if (Pos >= L.size() || L[Pos] != '[')
    return false;
  size_t Close = L.find(']', Pos);
  if (Close == std::string_view::npos ||
      !parseLogTime(L.substr(Pos + 1, Close - Pos - 1), Out.second))
    return false;
  Out.logged |= FieldTime;
  Pos = Close + 1;
  std::string_view Request;
  if (!quoted(L, Pos, Request))
    return false;
  splitRequest(Request, Out);
  std::string_view Status = token(L, Pos);
  if (Status.size() != 3 || !readDigits(Status, 0, 3, Out.status))
    return false;
  Out.logged |= FieldStatus;
  token(L, Pos); // bytes
  std::string_view Referer, Agent;
  size_t Before = Pos;
  if (quoted(L, Pos, Referer) && quoted(L, Pos, Agent)) {
    Out.userAgent = Agent;
    Out.escaped |= Agent.find('\\') != std::string_view::npos;
    Out.logged |= FieldUserAgent;
  } else {
    Pos = Before;
  }
  // The extras: key=value, key="value".
  while (Pos < L.size()) {
    while (Pos < L.size() && L[Pos] == ' ')
      ++Pos;
    size_t Equals = L.find('=', Pos);
    if (Equals == std::string_view::npos)
      break;
    std::string_view Name = L.substr(Pos, Equals - Pos);
    if (Name.find(' ') != std::string_view::npos) {
      // A word without '=' (Apache's %D, a trailing field): skip it.
      token(L, Pos);
      continue;
    }
    Pos = Equals + 1;
    std::string_view Value;
    if (Pos < L.size() && L[Pos] == '"') {
      if (!quoted(L, Pos, Value))
        break;
      Out.escaped |= Value.find('\\') != std::string_view::npos;
    } else {
      Value = token(L, Pos);
    }
    assign(keyOf(Name), Value, false, Out);
  }
  return true;
}

/// The captured request headers, in the order `--print-log-format
/// haproxy` declares them.
constexpr Key HaproxyCaptures[] = {Key::Session, Key::McpMethod, Key::McpName,
                                   Key::Version, Key::UserAgent};

/// HAProxy's HTTP log: `client:port [accept_date] frontend backend/server
/// timers status bytes cookies state conns queues {captures} "request"`.
bool parseHaproxyLine(std::string_view L, size_t Pos, AccessLogLine &Out) {
  Out.format = LogFormat::Haproxy;
  while (Pos < L.size() && L[Pos] == ' ')
    ++Pos;
  size_t Close = L.find(']', Pos);
  if (Close == std::string_view::npos ||
      !parseLogTime(L.substr(Pos + 1, Close - Pos - 1), Out.second))
    return false;
  Out.logged |= FieldTime;
  Pos = Close + 1;
  token(L, Pos); // frontend
  Out.upstream = token(L, Pos);
  Out.logged |= FieldUpstream;
  token(L, Pos); // timers
  std::string_view Status = token(L, Pos);
  if (Status.size() != 3 || !readDigits(Status, 0, 3, Out.status))
    return false;
  Out.logged |= FieldStatus;
  size_t Brace = L.find('{', Pos);
  size_t Quote = L.find('"', Pos);
  if (Brace != std::string_view::npos && Brace < Quote) {
    size_t End = L.find('}', Brace);
    if (End == std::string_view::npos)
      return false;
    std::string_view Captured = L.substr(Brace + 1, End - Brace - 1);
    for (Key K : HaproxyCaptures) {
      size_t Bar = Captured.find('|');
      assign(K, Captured.substr(0, Bar), false, Out);
      if (Bar == std::string_view::npos)
        break;
      Captured.remove_prefix(Bar + 1);
    }
    Pos = End + 1;
  }
  size_t Last = L.rfind('"');
  Quote = L.find('"', Pos);
  if (Quote != std::string_view::npos && Last > Quote)
    splitRequest(L.substr(Quote + 1, Last - Quote - 1), Out);
  return true;
}

} // namespace

bool parseLogTime(std::string_view T, int64_t &Second) {
  int Year = 0, Month = 0, Day = 0, H = 0, M = 0, S = 0;
  int64_t Offset = 0;
  if (T.size() >= 19 && T[4] == '-' && T[7] == '-' &&
      (T[10] == 'T' || T[10] == ' ')) {
    if (!readDigits(T, 0, 4, Year) || !readDigits(T, 5, 2, Month) ||
        !readDigits(T, 8, 2, Day) || !readDigits(T, 11, 2, H) || T[13] != ':' ||
        !readDigits(T, 14, 2, M) || T[16] != ':' || !readDigits(T, 17, 2, S) ||
        !readZone(T, skipFraction(T, 19), Offset))
      return false;
    return composeTime(Year, Month, Day, H, M, S, Offset, Second);
  }
  if (T.size() >= 20 && T[2] == '/' && T[6] == '/' && T[11] == ':') {
    Month = monthOf(T.substr(3, 3));
    if (!readDigits(T, 0, 2, Day) || !readDigits(T, 7, 4, Year) ||
        !readDigits(T, 12, 2, H) || T[14] != ':' || !readDigits(T, 15, 2, M) ||
        T[17] != ':' || !readDigits(T, 18, 2, S) ||
        !readZone(T, skipFraction(T, 20), Offset))
      return false;
    return composeTime(Year, Month, Day, H, M, S, Offset, Second);
  }
  // Seconds (or milliseconds) since the epoch, as JSON loggers write them.
  int64_t Whole = 0;
  size_t I = 0;
  for (; I < T.size() && T[I] >= '0' && T[I] <= '9' && I < 16; ++I)
    Whole = Whole * 10 + (T[I] - '0');
  if (I == 0 || (I < T.size() && T[I] != '.'))
    return false;
  Second = Whole > 100000000000 ? Whole / 1000 : Whole;
  return true;
}

bool parseAccessLogLine(std::string_view L, AccessLogLine &Out) {
  Out = AccessLogLine();
  size_t Pos = 0;
  while (Pos < L.size() && L[Pos] == ' ')
    ++Pos;
  if (Pos < L.size() && L[Pos] == '{')
    return parseJsonLine(L, Out);
  // HAProxy through syslog: "Nov 30 13:55:36 host haproxy[123]: ...".
  size_t Tag = L.substr(0, 96).find("haproxy[");
  if (Tag != std::string_view::npos) {
    size_t After = L.find("]: ", Tag);
    if (After == std::string_view::npos)
      return false;
    Pos = After + 3;
  }
  token(L, Pos); // client address
  size_t Next = Pos;
  while (Next < L.size() && L[Next] == ' ')
    ++Next;
  if (Next < L.size() && L[Next] == '[')
    return parseHaproxyLine(L, Next, Out);
  return parseCombinedLine(L, Pos, Out);
}

std::string unescapeLogText(std::string_view Text) {
  std::string Out;
  Out.reserve(Text.size());
  auto hex = [](char C) {
    return C >= '0' && C <= '9'   ? C - '0'
           : C >= 'a' && C <= 'f' ? C - 'a' + 10
           : C >= 'A' && C <= 'F' ? C - 'A' + 10
                                  : -1;
  };
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] != '\\' || I + 1 == Text.size()) {
      Out += Text[I];
      continue;
    }
    char C = Text[++I];
    if (C == 'x' && I + 2 < Text.size() && hex(Text[I + 1]) >= 0 &&
        hex(Text[I + 2]) >= 0) {
      Out += char(hex(Text[I + 1]) * 16 + hex(Text[I + 2]));
      I += 2;
    } else if (C == 'u' && I + 4 < Text.size()) {
      int Code = 0;
      bool Ok = true;
      for (size_t K = 1; K <= 4; ++K) {
        Ok = Ok && hex(Text[I + K]) >= 0;
        Code = Code * 16 + hex(Text[I + K]);
      }
      if (!Ok) {
        Out += "\\u";
        continue;
      }
      // UTF-8 of a code point below U+10000 (surrogates as they come).
      if (Code < 0x80) {
        Out += char(Code);
      } else if (Code < 0x800) {
        Out += char(0xC0 | (Code >> 6));
        Out += char(0x80 | (Code & 0x3F));
      } else {
        Out += char(0xE0 | (Code >> 12));
        Out += char(0x80 | ((Code >> 6) & 0x3F));
        Out += char(0x80 | (Code & 0x3F));
      }
      I += 4;
    } else {
      Out += C == 'n' ? '\n' : C == 't' ? '\t' : C == 'r' ? '\r' : C;
    }
  }
  return Out;
}

} // namespace mcp_cutover
