# An MCP server behind an AWS application load balancer, still sticky.
resource "aws_lb_target_group" "mcp" {
  name     = "mcp-servers"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id

  stickiness {
    type            = "lb_cookie"
    cookie_duration = 3600
  }

  health_check {
    path = "/healthz"
  }
}

resource "aws_lb_listener_rule" "mcp" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.mcp.arn
  }

  condition {
    path_pattern {
      values = ["/mcp", "/mcp/*"]
    }
  }
}

resource "google_compute_backend_service" "mcp" {
  name             = "mcp-backend"
  protocol         = "HTTP"
  session_affinity = "GENERATED_COOKIE"
}
