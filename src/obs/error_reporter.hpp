// Error reporting as a seam: the HTTP layer reports unhandled errors (500 answers) and the workers report
// jobs that failed for an internal reason or were dead-lettered. app/ wires the Sentry envelope reporter
// (obs/sentry/) when a DSN is configured; otherwise nothing is wired and callers skip reporting (a null
// ErrorReporter*).
//
// What goes in a report: ids (request, job, card), the route pattern, the stage, the marketplace, an error
// code and a one-line message. Never a request body, a query string, a header value, a credential or
// product text. Implementations scrub the message again before it leaves the process.
// Thread-safety: Report() may be called from any thread; it never blocks on the network and never throws.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace by::obs {

struct ErrorReport {
    std::string logger;   // who reports: "api" or "pipeline"
    std::string type;     // error class: an error code name ("internal", "unavailable") or an exception type
    std::string message;  // one line, secret-free by design (scrubbed again by the reporter)
    std::string transaction;  // what was running: "POST /api/products/{id}", "job publish"
    std::vector<std::pair<std::string, std::string>> tags;     // indexed: request_id, route, method, status,
                                                               // job_id, stage, marketplace, card_id
    std::vector<std::pair<std::string, std::string>> context;  // shown with the event, not indexed
};

class ErrorReporter {
  public:
    virtual ~ErrorReporter() = default;
    virtual void Report(ErrorReport report) = 0;
};

using ErrorReporterPtr = std::unique_ptr<ErrorReporter>;

}  // namespace by::obs
