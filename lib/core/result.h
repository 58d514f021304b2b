// Result<T>: a value or an Error, never an exception. Errors that cross module boundaries are values;
// only the CLI edge turns them into messages and exit codes.
//
//   Result<Ioc> r = ParseIoc(bytes, "x.ioc");
//   if (!r.ok()) return r.error();          // Error converts into any Result<U>
//   Ioc ioc = std::move(r).value();
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace iocscan {

// One problem, printable as one line: "<source>: <message>".
struct Error {
  std::string source;   // the file, ZIP entry, option or IOC the problem is about ("" when none)
  std::string message;  // what is wrong, without a trailing period

  std::string Text() const { return source.empty() ? message : source + ": " + message; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace iocscan
