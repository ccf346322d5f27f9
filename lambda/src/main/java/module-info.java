/**
 * The AWS Lambda handlers: the custom AWS Config rule and the triggered CloudTrail digest validation. The deployed
 * artifact is the shaded jar, which the Lambda runtime loads from its class path; this descriptor states and checks
 * at compile time what the handlers use of the other modules.
 *
 * @since 0.1.0
 */
module io.trailguard.lambda {
    requires transitive io.trailguard.aws;
    requires io.trailguard.rules;
    requires com.fasterxml.jackson.databind;
    // aws-lambda-java-core 1.4.0 declares no module name: the name is derived from its file name
    requires transitive aws.lambda.java.core;

    exports io.trailguard.lambda;
}
