// Status and StatusOr: how every libclean function reports failure.
//
//   zhclean::StatusOr<std::string> text = ReadSomething();
//   if (!text.ok()) return text.status();
//   Use(*text);
//
// No exception crosses the library API; errors are values.
#ifndef ZHCLEAN_STATUS_H_
#define ZHCLEAN_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace zhclean {

enum class StatusCode {
  kOk = 0,            // Success.
  kInvalidArgument,   // Caller passed a bad option, config or rule.
  kNotFound,          // A named file, config or field does not exist.
  kDataError,         // Input data is malformed (bad UTF-8, bad JSON).
  kIoError,           // Reading or writing failed.
  kResourceExhausted, // A size limit (line length, memory cap) was hit.
  kInternal,          // A dependency failed in an unexpected way.
};

// Returns a short stable name such as "invalid argument".
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: <message>", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgumentError(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status NotFoundError(std::string m) {
  return Status(StatusCode::kNotFound, std::move(m));
}
inline Status DataError(std::string m) {
  return Status(StatusCode::kDataError, std::move(m));
}
inline Status IoError(std::string m) {
  return Status(StatusCode::kIoError, std::move(m));
}
inline Status ResourceExhaustedError(std::string m) {
  return Status(StatusCode::kResourceExhausted, std::move(m));
}
inline Status InternalError(std::string m) {
  return Status(StatusCode::kInternal, std::move(m));
}

// Holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

#define ZHCLEAN_RETURN_IF_ERROR(expr)           \
  do {                                          \
    ::zhclean::Status zhclean_status_ = (expr); \
    if (!zhclean_status_.ok()) return zhclean_status_; \
  } while (0)

#define ZHCLEAN_CONCAT_INNER_(a, b) a##b
#define ZHCLEAN_CONCAT_(a, b) ZHCLEAN_CONCAT_INNER_(a, b)
#define ZHCLEAN_ASSIGN_OR_RETURN(lhs, expr) \
  ZHCLEAN_ASSIGN_OR_RETURN_IMPL_(ZHCLEAN_CONCAT_(zhclean_sor_, __LINE__), lhs, expr)
#define ZHCLEAN_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp.value())

}  // namespace zhclean

#endif  // ZHCLEAN_STATUS_H_
