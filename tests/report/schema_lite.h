// A small JSON Schema (draft 2020-12) checker for tests: enough of the vocabulary to check iocscan's
// output against schemas/card.schema.json without a validator library (Debian 12 packages none
// for C++). It refuses any keyword it does not implement, so a schema can never pass by being
// misunderstood. Usable from any test: #include "report/schema_lite.h".
//
// Implemented: $ref (local "#/$defs/name" or "#"), type (name or list), const, enum, required,
// properties, additionalProperties (bool or schema), items, oneOf, anyOf, allOf, minimum, pattern
// (std::regex ECMAScript; enough for our ASCII patterns). Annotations ($schema, $id, $defs, title,
// description) are ignored.
#pragma once

#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace iocscan::testing {

class SchemaLite {
 public:
  explicit SchemaLite(nlohmann::json root) : root_(std::move(root)) {}

  // Problems found, each "<json pointer>: <what>"; empty when `value` is valid against the root.
  std::vector<std::string> Check(const nlohmann::json& value) const {
    std::vector<std::string> errors;
    CheckAt(root_, value, "", errors);
    return errors;
  }

  // Against one of the $defs.
  std::vector<std::string> CheckDef(const std::string& def, const nlohmann::json& value) const {
    std::vector<std::string> errors;
    CheckAt(root_.at("$defs").at(def), value, "", errors);
    return errors;
  }

 private:
  static bool HasType(const nlohmann::json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
  }

  const nlohmann::json& Resolve(const std::string& ref) const {
    if (ref == "#") return root_;
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return root_.at("$defs").at(ref.substr(prefix.size()));
  }

  void CheckAt(const nlohmann::json& schema, const nlohmann::json& v, const std::string& at,
               std::vector<std::string>& errors) const {
    static const std::set<std::string> kAnnotations = {"$schema", "$id", "$defs", "title", "description"};
    for (const auto& [key, arg] : schema.items()) {
      if (kAnnotations.count(key)) continue;
      if (key == "$ref") {
        CheckAt(Resolve(arg.get<std::string>()), v, at, errors);
      } else if (key == "type") {
        bool ok = false;
        if (arg.is_string()) ok = HasType(v, arg.get<std::string>());
        for (const auto& t : arg.is_array() ? arg : nlohmann::json::array()) ok = ok || HasType(v, t.get<std::string>());
        if (!ok) errors.push_back(at + ": not of type " + arg.dump());
      } else if (key == "const") {
        if (v != arg) errors.push_back(at + ": not " + arg.dump());
      } else if (key == "enum") {
        bool found = false;
        for (const auto& e : arg) found = found || v == e;
        if (!found) errors.push_back(at + ": " + v.dump() + " not in " + arg.dump());
      } else if (key == "required") {
        for (const auto& name : arg) {
          if (v.is_object() && !v.contains(name.get<std::string>())) {
            errors.push_back(at + ": missing " + name.get<std::string>());
          }
        }
      } else if (key == "properties") {
        if (!v.is_object()) continue;
        for (const auto& [name, sub] : arg.items()) {
          if (v.contains(name)) CheckAt(sub, v.at(name), at + "/" + name, errors);
        }
      } else if (key == "additionalProperties") {
        if (!v.is_object()) continue;
        const nlohmann::json& props = schema.contains("properties") ? schema.at("properties") : nlohmann::json::object();
        for (const auto& [name, sub] : v.items()) {
          if (props.contains(name)) continue;
          if (arg.is_boolean()) {
            if (!arg.get<bool>()) errors.push_back(at + ": unexpected key " + name);
          } else {
            CheckAt(arg, sub, at + "/" + name, errors);
          }
        }
      } else if (key == "items") {
        if (!v.is_array()) continue;
        for (std::size_t i = 0; i < v.size(); ++i) CheckAt(arg, v[i], at + "/" + std::to_string(i), errors);
      } else if (key == "oneOf" || key == "anyOf" || key == "allOf") {
        std::size_t passed = 0;
        for (const auto& sub : arg) {
          std::vector<std::string> sub_errors;
          CheckAt(sub, v, at, sub_errors);
          if (sub_errors.empty()) ++passed;
          if (key == "allOf") errors.insert(errors.end(), sub_errors.begin(), sub_errors.end());
        }
        if (key == "oneOf" && passed != 1) {
          errors.push_back(at + ": matches " + std::to_string(passed) + " of oneOf, not exactly 1");
        }
        if (key == "anyOf" && passed == 0) errors.push_back(at + ": matches none of anyOf");
      } else if (key == "minimum") {
        if (v.is_number() && v.get<double>() < arg.get<double>()) errors.push_back(at + ": below minimum");
      } else if (key == "pattern") {
        if (v.is_string() && !std::regex_search(v.get<std::string>(), std::regex(arg.get<std::string>()))) {
          errors.push_back(at + ": does not match " + arg.get<std::string>());
        }
      } else {
        throw std::runtime_error("schema keyword not implemented by SchemaLite: " + key);
      }
    }
  }

  nlohmann::json root_;
};

}  // namespace iocscan::testing
