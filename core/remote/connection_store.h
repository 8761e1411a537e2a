#pragma once
// Saved connection profiles, in the user's QSettings (never in a model file). A typed secret
// access key and session token are written only when the profile says to remember them;
// otherwise only the access key id is kept and the secret must be typed again.

#include <QSettings>
#include <vector>

#include "remote/connection_profile.h"

namespace shardscape {

std::vector<ConnectionProfile> loadConnectionProfiles(QSettings& settings);
void saveConnectionProfiles(QSettings& settings, const std::vector<ConnectionProfile>& profiles);

}  // namespace shardscape
