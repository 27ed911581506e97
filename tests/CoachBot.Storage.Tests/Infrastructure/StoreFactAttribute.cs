using Xunit.Abstractions;
using Xunit.Sdk;

namespace CoachBot.Storage.Tests.Infrastructure;

/// <summary>
/// A fact of a store test class. Inherited by every implementation's class, so the decision to skip is taken per
/// class: in a class marked <see cref="RequiresPostgresAttribute"/> the test is skipped, with the reason, when no
/// PostgreSQL is configured outside CI. In CI it runs and fails, so a CI run without PostgreSQL cannot pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("CoachBot.Storage.Tests.Infrastructure.StoreFactDiscoverer", "CoachBot.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests need the PostgreSQL named by COACHBOT_TEST_POSTGRES.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
    [
        new StoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod),
    ];
}

public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("For the xunit deserializer only.")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        return (needsPostgres ? PostgresTestDatabase.SkipReason : null) ?? base.GetSkipReason(factAttribute);
    }
}
