#pragma once
// A URL's query string as name/value pairs, for the SigV4 parameters a presigned request
// carries (X-Amz-Algorithm, X-Amz-Credential, ...).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shardscape {

class QueryString {
  public:
    // `raw` without the '?'. Pairs are split on '&', names from values on the first '='; both
    // are percent-decoded, with '+' as a space (as HTML forms and Node's parser read them).
    explicit QueryString(std::string_view raw);

    bool has(std::string_view name) const;  // present, even with an empty value
    // The first value of `name`, or empty when absent.
    std::string value(std::string_view name) const;
    // `raw` without the pairs whose decoded name is `name`, as sent otherwise.
    static std::string without(std::string_view raw, std::string_view name);

    static std::string decode(std::string_view text);

  private:
    std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace shardscape
