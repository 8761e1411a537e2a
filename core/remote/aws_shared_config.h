#pragma once
// The AWS CLI's and SDKs' shared files: ~/.aws/credentials and ~/.aws/config (INI files).
// In the credentials file a section is the profile name ("[default]", "[work]"); in the config
// file it is "[default]" or "[profile work]". Keys and values are trimmed; '#' and ';' start
// comment lines; indented lines continue the previous value (nested settings such as
// "s3 =\n  max_concurrent_requests = 10" are kept as text and not interpreted).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace shardscape {

using IniSection = std::map<std::string, std::string>;
using IniFile = std::map<std::string, IniSection>;

IniFile parseIni(std::string_view text);

// The settings of `profile` from the config file's sections ("default" or "profile NAME").
std::optional<IniSection> configProfile(const IniFile& config, const std::string& profile);

}  // namespace shardscape
