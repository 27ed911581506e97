using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CoachBot.Core.Playbook;

/// <summary>
/// Lets YamlDotNet fill the model's read-only collection properties: it builds the mutable collection the
/// interface is implemented by, which the property then exposes read-only.
/// </summary>
internal sealed class ReadOnlyCollectionTypeResolver : INodeTypeResolver
{
    public bool Resolve(NodeEvent? nodeEvent, ref Type currentType)
    {
        if (!currentType.IsGenericType)
            return false;
        var definition = currentType.GetGenericTypeDefinition();
        var concrete = definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) ? typeof(List<>)
            : definition == typeof(IReadOnlyDictionary<,>) ? typeof(Dictionary<,>)
            : null;
        if (concrete is null)
            return false;
        currentType = concrete.MakeGenericType(currentType.GetGenericArguments());
        return true;
    }
}
