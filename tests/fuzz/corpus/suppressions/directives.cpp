a(); // NOLINT(session-id-header): proxied
// NOLINTNEXTLINE(removed-method, initialize-handler)
b();
// NOLINTBEGIN(session-*): legacy
auto r = R"x(/* // NOLINT(session-id-header)
)x"; char q = L'"'; int n = 1'000;
// NOLINTEND(session-*)
c(); /* mcp-cutover: ignore session-id-header,removed-method why */
// mcp-cutover: ignore sesion-id-header typo
// NOLINTEND(removed-method)
