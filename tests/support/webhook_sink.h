// A webhook receiver for the service tests: listens on 127.0.0.1 (a free
// port, printed on stdout as "port N"), writes each POST's body to
// DIR/<n>.json (n from 1) and its X-Crmerge-Event header to DIR/<n>.event,
// and answers with the next status of `statuses` (the last one repeats), or
// with the status written in DIR/answer when that file exists; DIR/<n>.status
// records the answer.
// Runs until SIGTERM.
#pragma once

#include <string>
#include <vector>

namespace crmerge::test {

int run_webhook_sink(const std::string& dir, const std::vector<int>& statuses);

}  // namespace crmerge::test
