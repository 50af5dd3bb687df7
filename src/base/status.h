// Status and Result<T>: errors as values across module boundaries.
//
// A failed job has to become an exit code, a job record and an HTTP body, so
// every fallible call returns a Status (or a Result<T>, which holds either a T
// or a non-OK Status). Exceptions thrown by libraries are caught where the
// library is called and turned into a Status there.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace crmerge {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the user's data or request is wrong: a bad file, a bad option value
  kIoError,       // the operating system refused (disk full, permission denied, missing file)
  kCancelled,     // SIGINT/SIGTERM or an explicit cancel
  kInternal,      // a bug, or DuckDB failed for a reason that is not the input's fault
};

const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  static Status invalid_input(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status io_error(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status cancelled(std::string m = "cancelled") { return {StatusCode::kCancelled, std::move(m)}; }
  static Status internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns the same error with "<context>: " in front of its message (no-op when OK).
  Status with_context(std::string_view context) const;
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).is_ok()); }  // NOLINT

  bool is_ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status ok;
    return is_ok() ? ok : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace crmerge

#define CRM_CONCAT_INNER(a, b) a##b
#define CRM_CONCAT(a, b) CRM_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define CRM_RETURN_IF_ERROR(expr)                  \
  do {                                             \
    ::crmerge::Status crm_status_ = (expr);        \
    if (!crm_status_.is_ok()) return crm_status_; \
  } while (0)

// `lhs` = the value of Result `rexpr`, or return its Status.
#define CRM_ASSIGN_OR_RETURN(lhs, rexpr) \
  CRM_ASSIGN_OR_RETURN_IMPL(CRM_CONCAT(crm_result_, __LINE__), lhs, rexpr)
#define CRM_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.is_ok()) return tmp.status();           \
  lhs = std::move(tmp).value()
