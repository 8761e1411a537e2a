#include "backend/remote_backend.h"

namespace shardscape {

Result<std::shared_ptr<RemoteBackend>> RemoteBackend::connect(const ConnectionProfile& profile,
                                                              const AwsEnvironment& environment) {
    auto resolved = resolveConnection(profile, environment);
    if (!resolved) return resolved.error();
    auto client = DynamoDbClient::create(std::move(resolved).value());
    if (!client) return client.error();
    return std::make_shared<RemoteBackend>(std::move(client).value());
}

}  // namespace shardscape
