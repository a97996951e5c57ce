/*
 * tcpListeners(): the number of TCP sockets in LISTEN state in this process's network namespace, IPv4 and
 * IPv6, asked of the kernel through netlink sock_diag (NETLINK_SOCK_DIAG, inet_diag_req_v2) with only
 * TCPF_LISTEN requested, as node_exporter's tcpstat collector does. With only listeners requested the
 * kernel walks its listening hash and skips the established hash, which /proc/net/tcp{,6} cannot do.
 * Returns the count, or throws an Error whose `errno` property is the failing call's errno.
 */
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <node_api.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define TCP_LISTEN_STATE 10

static int dump_family(int fd, int family, unsigned seq, long *count) {
  struct {
    struct nlmsghdr nlh;
    struct inet_diag_req_v2 req;
  } msg;
  memset(&msg, 0, sizeof msg);
  msg.nlh.nlmsg_len = sizeof msg;
  msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  msg.nlh.nlmsg_seq = seq;
  msg.req.sdiag_family = (unsigned char)family;
  msg.req.sdiag_protocol = IPPROTO_TCP;
  msg.req.idiag_states = 1u << TCP_LISTEN_STATE;
  struct sockaddr_nl kernel;
  memset(&kernel, 0, sizeof kernel);
  kernel.nl_family = AF_NETLINK;
  if (sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) return -errno;
  static char buf[65536] __attribute__((aligned(8)));
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    if (n == 0) return -EIO;
    int len = (int)n;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_seq != seq) continue;
      if (h->nlmsg_type == NLMSG_DONE) return 0;
      if (h->nlmsg_type == NLMSG_ERROR) {
        const struct nlmsgerr *e = (const struct nlmsgerr *)NLMSG_DATA(h);
        return e->error != 0 ? e->error : -EIO;
      }
      if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
        const struct inet_diag_msg *m = (const struct inet_diag_msg *)NLMSG_DATA(h);
        if (m->idiag_state == TCP_LISTEN_STATE) (*count)++;
      }
    }
  }
}

static napi_value throw_errno(napi_env env, const char *what, int err) {
  char text[160];
  snprintf(text, sizeof text, "sock_diag %s: %s", what, strerror(err));
  napi_value msg, error, code;
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, NULL, msg, &error);
  napi_create_int32(env, err, &code);
  napi_set_named_property(env, error, "errno", code);
  napi_throw(env, error);
  return NULL;
}

static napi_value tcp_listeners(napi_env env, napi_callback_info info) {
  (void)info;
  static unsigned seq = 0;
  int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return throw_errno(env, "socket", errno);
  long count = 0;
  int r = dump_family(fd, AF_INET, ++seq, &count);
  if (r == 0) r = dump_family(fd, AF_INET6, ++seq, &count);
  close(fd);
  if (r < 0) return throw_errno(env, "dump", -r);
  napi_value out;
  napi_create_int64(env, count, &out);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "tcpListeners", NAPI_AUTO_LENGTH, tcp_listeners, NULL, &fn);
  napi_set_named_property(env, exports, "tcpListeners", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
